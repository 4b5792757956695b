// Stems and stop words as the browser computes them (lunr.no from Material's package), for the
// Python tests: `node stems.js < words.json` prints {"stems": [...], "stopWords": [...]}.
"use strict";

const fs = require("node:fs");
const { startWorker, themeAssets } = require("./worker.js");

(async () => {
  const words = JSON.parse(fs.readFileSync(0, "utf8"));
  const { lunr } = await startWorker(themeAssets(), { index: { config: { lang: ["no"], separator: "[\\s]+", pipeline: ["stopWordFilter"], fields: { title: { boost: 1000 }, text: { boost: 1 } } }, docs: [] } });
  const stopWords = words.filter((word) => !lunr.no.stopWordFilter(word));
  process.stdout.write(JSON.stringify({ stems: words.map((word) => lunr.no.stemmer(word)), stopWords }));
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
