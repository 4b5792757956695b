// Material's real search worker (and ours around it), run in Node without a browser.
//
// The worker files are plain scripts for a Web Worker: they call importScripts, addEventListener and
// postMessage on their global scope. Here that scope is a fresh `vm` context with those three, fed
// from files on disk, so the tests run exactly the JavaScript the site serves: either a built
// language site, or the project's theme overrides plus Material's installed package.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const REPO = path.resolve(__dirname, "..", "..", "..");

/** Material's templates folder (it holds assets/javascripts/…): MATERIAL_TEMPLATES, else the project's .venv. */
function materialTemplates() {
  if (process.env.MATERIAL_TEMPLATES) return process.env.MATERIAL_TEMPLATES;
  const lib = path.join(REPO, ".venv", "lib");
  const python = fs.existsSync(lib) ? fs.readdirSync(lib).find((name) => name.startsWith("python")) : undefined;
  const found = python && path.join(lib, python, "site-packages", "material", "templates");
  if (!found || !fs.existsSync(found)) {
    throw new Error(
      "Fant ikke Material for MkDocs (material/templates). Kjør «make test», som installerer .venv, " +
        "eller sett MATERIAL_TEMPLATES til mappen material/templates."
    );
  }
  return found;
}

/** The folders a built site's assets come from: the project's theme overrides first, then Material's. */
function themeAssets() {
  return [path.join(REPO, "overrides", "theme"), materialTemplates()];
}

/**
 * Starts the search worker and hands it a search index ({config, docs}).
 * `dirs`: folders holding assets/javascripts/… (one built language site, or themeAssets()), searched
 * in order. `stock`: Material's own worker, as the site runs it with SKOLEPLAN_NORWEGIAN_SEARCH=false.
 * `index`: default, search/search_index.json in `dirs`.
 * Resolves to { query(text) → Material's result ({items: [[doc, ...], ...]}), index, lunr }.
 */
async function startWorker(dirs, { stock = false, index } = {}) {
  dirs = Array.isArray(dirs) ? dirs : [dirs];
  const find = (relative) => {
    for (const dir of dirs) if (fs.existsSync(path.join(dir, relative))) return path.join(dir, relative);
    throw new Error(`fant ikke ${relative} i ${dirs.join(", ")}`);
  };
  const workers = dirs
    .map((dir) => path.join(dir, "assets", "javascripts", "workers"))
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) => fs.readdirSync(dir))
    .filter((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
  if (workers.length !== 1) throw new Error(`fant ikke Materials søkearbeider i ${dirs.join(", ")}`);
  const base = "http://127.0.0.1/site/assets/javascripts/workers/";
  const entry = stock ? workers[0] : `skoleplan-search.js?material=${workers[0]}`;

  const listeners = [];
  const waiting = [];
  const context = {
    console,
    URL,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    location: new URL(base + entry),
    addEventListener(type, fn) {
      if (type === "message") listeners.push(fn);
    },
    postMessage(message) {
      const next = waiting.shift();
      if (next) next(message);
    },
    importScripts(...urls) {
      for (const url of urls) {
        const resolved = new URL(url, context.location);
        const file = find(decodeURIComponent(resolved.pathname).replace(/^\/site\//, ""));
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
      }
    },
  };
  context.self = context;
  context.globalThis = context;
  vm.createContext(context);
  context.importScripts(base + entry.split("?")[0]);

  const send = (message) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      for (const fn of listeners) fn.call(context, { data: message });
    });
  const data = index || JSON.parse(fs.readFileSync(find("search/search_index.json"), "utf8"));
  const ready = await send({ type: 0, data: { config: data.config, docs: data.docs, options: { suggest: false } } });
  if (ready.type !== 1) throw new Error(`søkearbeideren svarte ${JSON.stringify(ready)} på oppsettet`);
  return {
    index: data,
    lunr: context.lunr,
    async query(text) {
      const result = await send({ type: 2, data: text });
      // A structured clone, as postMessage makes: plain objects of this realm.
      return JSON.parse(JSON.stringify(result.data));
    },
  };
}

/** The pages of a result in Material's order: the location of each group's article, without #section. */
function pages(result) {
  return result.items.map((group) => {
    const article = group.find((doc) => !doc.location.includes("#")) || group[0];
    return article.location.split("#")[0];
  });
}

module.exports = { REPO, materialTemplates, pages, startWorker, themeAssets };
