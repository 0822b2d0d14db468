/** The deterministic markdown answer and its delta split shared by every contestant of the render bench. */
export function makeAnswer(targetBytes) {
  const parts = [];
  let n = 0;
  while (parts.join('').length < targetBytes) {
    n++;
    parts.push(
      `## Section ${n}\n\nThis is **paragraph ${n}** with *emphasis*, \`inline code\` and a [link](https://example.com/${n}). ` +
        `It keeps going for a while so the block has some weight to it, like a real model answer would.\n\n` +
        `- item one of ${n}\n- item two with **bold**\n- item three\n\n` +
        (n % 3 === 0 ? `| a | b | c |\n|---|---|---|\n| ${n} | two | three |\n| x | y | z |\n\n` : '') +
        (n % 4 === 0 ? '```js\nconst x = ' + n + ';\nconsole.log(x);\n```\n\n' : '') +
        `> A quote in section ${n}.\n\n`,
    );
  }
  return parts.join('').slice(0, targetBytes);
}

/** Splits text into `count` deltas of near-equal size. */
export function splitDeltas(text, count) {
  const out = [];
  const size = text.length / count;
  for (let i = 0; i < count; i++) out.push(text.slice(Math.round(i * size), Math.round((i + 1) * size)));
  return out.filter((d) => d !== '');
}
