import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
const p = new Parser(); p.setLanguage(Python);
function dump(n, d=0){ let s=' '.repeat(d)+n.type+(n.isNamed?'':'(anon)')+' '+JSON.stringify(n.text.slice(0,30)); console.log(s); for (const ch of n.children) dump(ch, d+1); }
const src = process.argv[2];
dump(p.parse(src).rootNode);
