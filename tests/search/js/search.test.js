// The query side of the Norwegian search: parsing, expansion, attribution, and the whole worker with
// Material's real search worker and lunr.no (from the installed package). Run: node --test tests/search/js
"use strict";

const assert = require("node:assert/strict");
const path = require("node:path");
const { before, describe, test } = require("node:test");

const { REPO, pages, startWorker, themeAssets } = require("./worker.js");

const search = require(path.join(REPO, "overrides", "theme", "assets", "javascripts", "workers", "skoleplan-search.js"));
const { BOOST, JOIN, STEM } = search;

/** A tiny index in Material's format, with the project's separator and a words table like skoleplan/search.py writes. */
function makeIndex(docs, table = { lang: "nb", synonyms: [], equivalents: {} }) {
  return {
    config: {
      lang: ["no"],
      separator: "[\\s\\-–—,:;!?=\\[\\]()\\\"'«»“”‘’/…|]+|\\.(?!\\d)|&(?:amp|lt|gt|quot);|(?=[A-ZÆØÅ][a-zæøå])",
      pipeline: ["stopWordFilter"],
      fields: { title: { boost: 1000 }, text: { boost: 1 }, tags: { boost: 1000000 } },
      skoleplan: table,
    },
    docs,
  };
}

let lunr;
let stemOnce;
let isStop;

before(async () => {
  ({ lunr } = await startWorker(themeAssets(), { index: makeIndex([]) }));
  stemOnce = (word) => lunr.no.stemmer(word);
  isStop = (word) => !lunr.no.stopWordFilter(word);
});

describe("parseQuery: the words Material's transform hands to lunr", () => {
  test("wildcards and boosts Material added are dropped; presence and fields kept", () => {
    assert.deepEqual(search.parseQuery("Mobbingen* +elev* -sfo* title:plan* tiltak^1"), [
      { word: "mobbingen", presence: 0, field: undefined },
      { word: "elev", presence: 1, field: undefined },
      { word: "sfo", presence: -1, field: undefined },
      { word: "plan", presence: 0, field: "title" },
      { word: "tiltak", presence: 0, field: undefined },
    ]);
  });

  test("empty parts and bare operators give no words", () => {
    assert.deepEqual(search.parseQuery("  *  +  "), []);
  });
});

describe("stemKey and alternates", () => {
  test("inflected forms of both written standards share one key", () => {
    const key = (word) => search.stemKey(word, stemOnce);
    for (const [words, expected] of [
      [["mobbing", "mobbingen", "mobbinga"], "mobbing"],
      [["elev", "eleven", "elevene", "elevane", "elevar", "elever"], "elev"],
      [["tiltak", "tiltaket", "tiltakene", "tiltaka"], "tiltak"],
      [["kontaktlærer", "kontaktlæreren", "kontaktlærar", "kontaktlæraren"], "kontaktlær"],
      [["aktivitetsplan", "aktivitetsplanen", "aktivitetsplanar", "aktivitetsplaner"], "aktivitetsplan"],
      [["melde", "meldte", "melder", "meldast"], "meld"],
    ]) {
      for (const word of words) assert.equal(key(word), expected, word);
    }
  });

  test("forms Snowball leaves apart are offered as alternates", () => {
    const alt = (word) => search.alternates(search.stemKey(word, stemOnce), stemOnce);
    assert.ok(alt("undersøkjer").includes("undersøk"), "nynorsk -kj-");
    assert.ok(alt("undersøker").includes("undersøkj"), "bokmål to nynorsk -kj-");
    assert.ok(alt("undersøkte").includes("undersøk"), "past tense");
    assert.ok(alt("følgde").includes("følg"), "past tense in -de");
    assert.ok(alt("krenkinga").includes("krenk"), "verbal noun");
    assert.ok(alt("mobbet").includes("mobbing"), "verb to noun");
    assert.ok(alt("rettigheitene").includes("rett"), "nynorsk -heit");
  });
});

describe("expandQuery: the clauses of a query", () => {
  const index = new Set(["mobbingen", "~mobbing", "~mobb", "~elev", "~skolemiljø", "~foresatt", "~foreldr", "~meld", "~varsl", "~sak", "~skol", "~buss"]);
  const table = {
    lang: "nb",
    synonyms: [[["mobbing"], ["plaging"]], [["foreldr"], ["foresatt"], ["føresett"]], [["varsl"], ["meld"], ["gi", "beskjed"]]],
    equivalents: { skulemiljø: ["skolemiljø"], skul: ["skol"] },
  };
  const expand = (query) =>
    search.expandQuery(search.parseQuery(query), {
      stemOnce,
      isStop,
      has: (term) => index.has(term),
      table,
      synonyms: search.synonymIndex(table),
    });
  const boosts = (expanded) =>
    Object.fromEntries(expanded.clauses.map((c) => [`${c.prefix ? "prefix " : ""}${c.term}`, c.boost]));

  test("exact word above its stem above related forms; prefix for typing", () => {
    const b = boosts(expand("mobbingen*"));
    assert.equal(b["mobbingen"], BOOST.exact);
    assert.equal(b["prefix mobbingen"], BOOST.prefix);
    assert.equal(b[`${STEM}mobbing`], BOOST.stem);
    assert.equal(b[`${STEM}mobb`], BOOST.alternate);
    assert.ok(BOOST.exact > BOOST.stem && BOOST.stem > BOOST.alternate && BOOST.alternate > BOOST.prefix);
  });

  test("the other standard's compound through the table", () => {
    assert.equal(boosts(expand("skulemiljøet*"))[`${STEM}skolemiljø`], BOOST.equivalent);
  });

  test("a synonym, both ways, only for stems the index has", () => {
    assert.equal(boosts(expand("plaging*"))[`${STEM}mobbing`], BOOST.synonym);
    assert.equal(boosts(expand("mobbing*"))[`${STEM}plaging`], undefined, "not in the index");
    assert.equal(boosts(expand("foreldrene*"))[`${STEM}foresatt`], BOOST.synonym);
  });

  test("a phrase synonym needs all its words in a row", () => {
    assert.equal(boosts(expand("gi* beskjed*"))[`${STEM}varsl`], BOOST.synonym);
    assert.equal(boosts(expand("beskjed*"))[`${STEM}varsl`], undefined);
    assert.equal(boosts(expand("gi* rask* beskjed*"))[`${STEM}varsl`], undefined);
  });

  test("stop words are never required, and a prefix only while being typed (the last word)", () => {
    const expanded = expand("+melde* +fra* +frå*");
    assert.deepEqual(expanded.keys, ["meld", null, null]);
    assert.deepEqual(expanded.clauses.filter((c) => c.words.has(1)).map((c) => [c.term, c.prefix]), []);
    assert.deepEqual(
      expanded.clauses.filter((c) => c.words.has(2)).map((c) => [c.term, c.prefix]),
      [["frå", true]]
    );
  });

  test("a word the index lacks is not searched as it stands", () => {
    assert.equal(boosts(expand("mobbinga*"))["mobbinga"], undefined);
    assert.equal(boosts(expand("mobbinga*"))[`${STEM}mobbing`], BOOST.stem);
  });

  test("a compound the site lacks is searched by its parts, only when nothing else matches", () => {
    const b = boosts(expand("mobbesaker*"));
    assert.equal(b[`${STEM}mobb`], BOOST.part);
    assert.equal(b[`${STEM}sak`], BOOST.part);
    assert.equal(boosts(expand("skulebussen*"))[`${STEM}skol`], BOOST.part, "a part in the other standard");
    assert.deepEqual(Object.keys(boosts(expand("mobbingsak*"))).sort(), ["prefix mobbingsak", `${STEM}mobbing`, `${STEM}sak`].sort());
    assert.equal(boosts(expand("mobbingen*"))[`${STEM}sak`], undefined);
  });

  test("splitCompound: longest last part first, linking s or e dropped", () => {
    const key = (word) => search.stemKey(word, stemOnce);
    const keys = new Set(["aktivitet", "plan", "mobbe", "sak"].map(key));
    const known = (part) => (keys.has(key(part)) ? [key(part)] : []);
    assert.deepEqual(search.splitCompound("aktivitetsplanen", known), [key("aktivitet"), "plan"]);
    assert.deepEqual(search.splitCompound("mobbesak", known), ["mobb", "sak"]);
    assert.deepEqual(search.splitCompound("xyzplan", known), []);
  });

  test("a field limits every clause of its word", () => {
    for (const clause of expand("title:mobbingen*").clauses) assert.equal(clause.field, "title");
  });
});

describe("attribute: results made fit for Material", () => {
  const expanded = {
    words: [
      { word: "mobbingen", presence: 0 },
      { word: "sfo", presence: -1 },
      { word: "elev", presence: 1 },
    ],
    keys: ["mobbing", "sfo", "elev"],
    clauses: [
      { term: "mobbingen", prefix: false, words: new Set([0]) },
      { term: "mobbingen", prefix: true, words: new Set([0]) },
      { term: "~mobbing", prefix: false, words: new Set([0]) },
      { term: "sfo", prefix: false, words: new Set([1]) },
      { term: "elev", prefix: false, words: new Set([2]) },
      { term: "~elev", prefix: false, words: new Set([2]) },
    ],
  };
  const result = (ref, metadata) => ({ ref, score: 1, matchData: { metadata } });

  test("keys name the query word, a position is kept once, the page's words are the terms", () => {
    const { results, terms } = search.attribute(
      [
        result("a", {
          "~mobbing": { text: { position: [7, 9], surface: ["mobbingen", "mobbing"] } },
          mobbingen: { text: { position: [7], surface: ["mobbingen"] } },
          "~elev": { title: { position: [1], surface: ["elevene"] } },
        }),
      ],
      expanded
    );
    assert.equal(results.length, 1);
    const metadata = results[0].matchData.metadata;
    assert.deepEqual(Object.keys(metadata).sort(), [`elev${JOIN}~elev`, `mobbingen${JOIN}mobbingen`, `mobbingen${JOIN}~mobbing`]);
    assert.deepEqual(metadata[`mobbingen${JOIN}mobbingen`].text.position, [7]);
    assert.deepEqual(metadata[`mobbingen${JOIN}~mobbing`].text.position, [9]);
    assert.deepEqual(terms.get("a"), { elevene: true, mobbing: true, mobbingen: true });
  });

  test("required and prohibited words filter; a missing word is shown as missing", () => {
    const { results, terms } = search.attribute(
      [
        result("no-elev", { "~mobbing": { text: { position: [1], surface: ["mobbing"] } } }),
        result("with-sfo", { sfo: { text: { position: [1], surface: ["sfo"] } }, elev: { text: { position: [2], surface: ["elev"] } } }),
        result("ok", { elev: { text: { position: [3], surface: ["elev"] } } }),
      ],
      expanded
    );
    assert.deepEqual(results.map((r) => r.ref), ["ok"]);
    assert.deepEqual(terms.get("ok"), { elev: true, mobbingen: false });
  });
});

describe("the worker, with Material's own worker and lunr.no", () => {
  const docs = [
    { location: "a/", title: "Mobbingen stoppet", text: "<p>Mobbingen tok slutt da de voksne grep inn.</p>" },
    { location: "b/", title: "Mobbing", text: "<p>Mobbing er gjentatt plaging.</p>" },
    { location: "c/", title: "Tiltak", text: "<p>Tiltakene skrives i aktivitetsplanen. Elevene blir hørt.</p>" },
    { location: "d/", title: "Undersøke", text: "<p>Skolen undersøker saken.</p>" },
    { location: "e/", title: "Foresatte", text: "<p>Foresatte kan melde fra til rektor.</p>" },
  ];
  const table = {
    lang: "nb",
    synonyms: [[["mobbing"], ["plaging"]], [["foreldr"], ["foresatt"]]],
    equivalents: { undersøkj: ["undersøk"] },
  };
  let worker;
  before(async () => {
    worker = await startWorker(themeAssets(), { index: makeIndex(docs, table) });
  });

  test("exact matches rank above stemmed ones, both ways", async () => {
    assert.deepEqual(pages(await worker.query("mobbingen")).slice(0, 2), ["a/", "b/"]);
    assert.deepEqual(pages(await worker.query("mobbing")).slice(0, 2), ["b/", "a/"]);
  });

  test("inflected and other-standard forms, prefixes and synonyms find their page", async () => {
    for (const [query, page] of [
      ["mobbinga", "a/"],
      ["elevane", "c/"],
      ["tiltaka", "c/"],
      ["undersøkjer", "d/"],
      ["undersøkte", "d/"],
      ["aktivitetsplanar", "c/"],
      ["mob", "b/"],
      ["aktivitetsp", "c/"],
      ["foreldre", "e/"],
    ]) {
      assert.ok(pages(await worker.query(query)).includes(page), `${query} → ${page}`);
    }
  });

  test("highlighting: each matched word is marked once, in the results and for the page (?h=)", async () => {
    const [group] = (await worker.query("mobbingen")).items;
    const article = group[0];
    assert.equal(article.location, "a/");
    assert.equal(article.title, "<mark>Mobbingen</mark> stoppet");
    assert.ok(!/<mark>\s*<mark>/.test(article.text), article.text);
    assert.deepEqual(article.terms, { mobbingen: true });
    const other = (await worker.query("mobbingen")).items[1][0];
    assert.deepEqual(other.terms, { mobbing: true, plaging: true }, "the page's own words (plaging: a synonym), for ?h=");
  });

  test("a word the page lacks is listed as missing; Material's query syntax still works", async () => {
    const result = await worker.query("tiltak sfo");
    assert.deepEqual(result.items[0][0].terms, { tiltak: true, tiltakene: true, sfo: false });
    assert.deepEqual(pages(await worker.query("mobbing -stoppet")), ["b/"]);
    assert.deepEqual(pages(await worker.query("+elevene +tiltaka")), ["c/"]);
  });

  test("nothing found is an empty result, not an error", async () => {
    assert.deepEqual((await worker.query("xyzzy")).items, []);
    assert.deepEqual((await worker.query("og")).items, []);
  });
});

describe("rerank: sections that answer more of the question, pages that answer it throughout", () => {
  const expanded = { words: [{ word: "barnet", presence: 0 }, { word: "mitt", presence: 0 }, { word: "mobbet", presence: 0 }], keys: ["barn", null, "mobb"] };
  const result = (ref, score, words) => ({ ref, score, skoleplanWords: words });

  test("a section matching both content words outranks a heading matching one", () => {
    const ranked = search.rerank([result("a/#heading", 30, 1), result("b/#text", 10, 2)], expanded);
    assert.deepEqual(ranked.map((r) => [r.ref, r.score]), [["b/#text", 10], ["a/#heading", 7.5]]);
  });

  test("a page's other sections add a share of their score; sections of a page stay together", () => {
    const ranked = search.rerank(
      [result("a/#one", 12, 2), result("b/#one", 10, 2), result("b/#two", 10, 2), result("a/#two", 1, 2)],
      expanded
    );
    assert.deepEqual(ranked.map((r) => r.ref), ["b/#one", "b/#two", "a/#one", "a/#two"]);
    assert.equal(search.PAGE_SHARE, 0.25);
  });

  test("a one-word query keeps lunr's scores", () => {
    const one = { words: [{ word: "mobbing", presence: 0 }], keys: ["mobbing"] };
    const ranked = search.rerank([result("a/", 3, 1), result("b/", 5, 1)], one);
    assert.deepEqual(ranked.map((r) => [r.ref, r.score]), [["b/", 5], ["a/", 3]]);
  });
});
