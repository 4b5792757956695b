/*
 * Search that understands Norwegian, inside Material for MkDocs' own search worker.
 *
 * Material's search appends a wildcard to every query term ("mobbingen*"), which
 * skips lunr's stemmer, and does not stem by default: "mobbingen" never finds
 * "mobbing", "elevane" never finds "elev". This worker loads Material's worker
 * unchanged (its URL comes in ?material=…, set by overrides/theme/main.html) and
 * changes two things through lunr's public API:
 *
 *  - indexing: every word is indexed as it is and, beside it at the same
 *    position, as "~" + its Snowball stem (lunr.no, shipped with Material), so
 *    exact words and stems are told apart and highlighting still marks the word;
 *  - querying: each query word searches its exact form (highest boost), its
 *    prefix (typing "mob" finds "mobbing"), its stem, stems of related forms
 *    (nynorsk -kj-, past tense, -ing), and the school's synonyms and
 *    bokmål–nynorsk pairs from data/sok.yaml (compiled by skoleplan/search.py
 *    into the index's config); a compound the site lacks, by its two parts.
 *
 * The dialog, keyboard use, result rendering and highlighting stay Material's.
 * Loaded in Node (module.exports), it exports its pure functions for the tests
 * in tests/search/js and installs nothing.
 */
"use strict";

(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof root.importScripts === "function") {
    api.install(root);
  }
})(typeof self !== "undefined" ? self : globalThis, function () {
  /** Marks a stem in the index, so that an exact word and a stem never collide. */
  const STEM = "~";

  /** Query boosts: the exact word ranks above its stem, the stem above related forms and synonyms. */
  const BOOST = Object.freeze({
    exact: 10,
    stem: 5,
    equivalent: 4,
    alternate: 3,
    synonym: 2,
    prefix: 1,
    part: 1,
  });

  /** Nynorsk function words lunr.no does not list as stop words; a query word among them is not searched. */
  const EXTRA_STOP_WORDS = new Set(["frå", "ifrå", "òg", "berre", "ikkje"]);

  /** Material's search message types (src/.../search/worker/message). */
  const MESSAGE = Object.freeze({ SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 });

  /** Joins a query word and a matched index term in a match key: Material checks keys with startsWith(word). */
  const JOIN = "\u001f";

  /**
   * The stem a word is indexed and searched by: Snowball's Norwegian stemmer,
   * applied twice so that definite forms of -er nouns meet their base form
   * ("kontaktlæreren" → "kontaktlærer" → "kontaktlær"). skoleplan/search.py
   * computes the same for the word lists.
   */
  function stemKey(word, stemOnce) {
    return stemOnce(stemOnce(word));
  }

  /**
   * Stems of forms Snowball does not join, for one stem: used only if the
   * index has them. Nynorsk -kje/-gje ("undersøkj" ~ "undersøk"), past tense
   * and participles ("undersøkt", "følgd"), verbal nouns in -ing ("krenking" ~
   * "krenk", "mobb" ~ "mobbing"), nynorsk -heit/-leik ("rettigheit" ~ "rett").
   */
  function alternates(key, stemOnce) {
    const out = [];
    const add = (value) => {
      if (value.length >= 3 && value !== key && !out.includes(value)) out.push(value);
    };
    if (/[kg]j$/.test(key)) add(key.slice(0, -1));
    else if (/[kg]$/.test(key)) add(key + "j");
    if (key.length > 4 && /[^aeiouyæøå][td]$/.test(key)) {
      const base = key.slice(0, -1);
      add(base);
      if (/[kg]j$/.test(base)) add(base.slice(0, -1));
    }
    if (key.length > 5 && key.endsWith("ing")) {
      const base = key.slice(0, -3);
      add(base);
      if (/[kg]j$/.test(base)) add(base.slice(0, -1));
    } else {
      add(key + "ing");
    }
    if (key.length > 6 && /(heit|leik)$/.test(key)) add(stemKey(key.slice(0, -4) + "het", stemOnce));
    return out;
  }

  /**
   * The two parts of a compound word, as index stems, when both are known
   * (`known(part)` → its stems in the index): the longest last part first, a
   * linking s or e of the first part dropped ("aktivitets|plan", "mobbe|sak").
   */
  function splitCompound(word, known) {
    for (let i = 3; i <= word.length - 3; i++) {
      const last = known(word.slice(i));
      if (!last.length) continue;
      const head = word.slice(0, i);
      for (const first of /[se]$/.test(head) && head.length > 3 ? [head, head.slice(0, -1)] : [head]) {
        const found = known(first);
        if (found.length) return [...new Set([...found, ...last])];
      }
    }
    return [];
  }

  /**
   * The words of a query as Material's transformSearchQuery hands it to lunr:
   * "mobbingen* +elev* -sfo* title:plan*". Returns each word with its
   * presence (+1 required, -1 prohibited, 0 optional) and field, without
   * the wildcards and boosts Material added.
   */
  function parseQuery(query) {
    const words = [];
    for (const part of String(query).split(/\s+/)) {
      let text = part;
      let presence = 0;
      if (text.startsWith("+")) {
        presence = 1;
        text = text.slice(1);
      } else if (text.startsWith("-")) {
        presence = -1;
        text = text.slice(1);
      }
      let field;
      const colon = text.indexOf(":");
      if (colon > 0) {
        field = text.slice(0, colon);
        text = text.slice(colon + 1);
      }
      text = text.replace(/[~^]\d*$/, "").replace(/^\*+|\*+$/g, "").toLowerCase();
      if (text && !/[*:~^]/.test(text)) words.push({ word: text, presence, field });
    }
    return words;
  }

  /**
   * Index lookups for the synonym table: stem → the synonym forms (lists of
   * stems) of every group that has a form starting with that stem.
   */
  function synonymIndex(table) {
    const index = new Map();
    for (const group of (table && table.synonyms) || []) {
      for (const form of group) {
        if (!form.length) continue;
        const list = index.get(form[0]) || [];
        list.push({ form, group });
        index.set(form[0], list);
      }
    }
    return index;
  }

  /**
   * The lunr clauses for a parsed query. `ctx`: stemOnce(word), isStop(word),
   * has(term) (is the term in the index), table (from data/sok.yaml) and
   * synonyms (synonymIndex(table)). Each clause says which query words it
   * serves, so results can be attributed, filtered and highlighted.
   */
  function expandQuery(words, ctx) {
    const clauses = new Map();
    const add = (term, boost, wordIndex, prefix = false) => {
      const field = words[wordIndex].field;
      const id = `${prefix ? "P" : "T"}${field || ""}:${term}`;
      const clause = clauses.get(id);
      if (clause) {
        clause.boost = Math.max(clause.boost, boost);
        clause.words.add(wordIndex);
      } else {
        clauses.set(id, { term, boost, prefix, field, words: new Set([wordIndex]) });
      }
    };
    // Adds a clause for an index term, if the index has it; says whether it did.
    const addIndexed = (term, boost, wordIndex) => {
      if (!ctx.has(term)) return false;
      add(term, boost, wordIndex);
      return true;
    };
    const addStem = (key, boost, wordIndex) => addIndexed(STEM + key, boost, wordIndex);

    const keys = words.map(({ word }) =>
      ctx.isStop(word) || EXTRA_STOP_WORDS.has(word) ? null : stemKey(word, ctx.stemOnce)
    );
    const related = keys.map((key) => (key === null ? [] : [key, ...alternates(key, ctx.stemOnce)]));
    const equivalents = (ctx.table && ctx.table.equivalents) || {};
    const synonyms = ctx.synonyms || new Map();

    // The index stems a word part stands for: its own, or the other standard's through the table.
    const known = (part) => {
      const key = stemKey(part, ctx.stemOnce);
      return [key, ...(equivalents[key] || [])].filter((stem) => ctx.has(STEM + stem));
    };

    words.forEach(({ word }, i) => {
      // The word being typed is a prefix («mob» → mobbing); a small word earlier in a question is not
      // («med» in «ingen vil være med meg» would find «medvirkning»).
      if (keys[i] !== null || i === words.length - 1) add(word, BOOST.prefix, i, true);
      if (keys[i] === null) return;
      let found = addIndexed(word, BOOST.exact, i);
      found = addStem(keys[i], BOOST.stem, i) || found;
      for (const key of related[i].slice(1)) found = addStem(key, BOOST.alternate, i) || found;
      for (const key of related[i]) {
        for (const target of equivalents[key] || []) found = addStem(target, BOOST.equivalent, i) || found;
      }
      // A compound the site does not have: its two parts, if the site has both ("mobbesaker" → mobb, sak).
      if (!found) {
        for (const stem of splitCompound(word, known)) addStem(stem, BOOST.part, i);
      }
    });

    // Synonyms: a form matches one query word by any of its related stems, or a run of query words.
    const content = keys.map((key, i) => ({ key, i })).filter(({ key }) => key !== null);
    content.forEach(({ i }, position) => {
      for (const key of related[i]) {
        for (const { form, group } of synonyms.get(key) || []) {
          const run = content.slice(position, position + form.length);
          const matches = run.length === form.length && run.every((w, n) => n === 0 || w.key === form[n]);
          if (!matches) continue;
          for (const other of group) {
            if (other === form) continue;
            for (const target of other) for (const w of run) addStem(target, BOOST.synonym, w.i);
          }
        }
      }
    });
    return { words, keys, clauses: [...clauses.values()] };
  }

  /**
   * Lunr's results for an expanded query, made fit for Material: results
   * that break a required (+) or prohibited (-) word are dropped; each match
   * key becomes "<query word>\u001f<term>" so that Material's own check
   * (key.startsWith(word)) sees which query words a result matched; a
   * position matched by several terms (a word and its stem) is kept once, so
   * highlighting wraps it once. Returns the results and, per result, the
   * terms Material shows: the words matched on the page (for ?h=, which
   * highlights them there) and the query words it lacks.
   */
  function attribute(results, expanded) {
    const { words, keys, clauses } = expanded;
    const exact = new Map();
    const prefixes = [];
    for (const clause of clauses) {
      if (clause.prefix) prefixes.push(clause);
      else exact.set(clause.term, new Set([...(exact.get(clause.term) || []), ...clause.words]));
    }
    const owners = (term) => {
      const found = new Set(exact.get(term) || []);
      if (!term.startsWith(STEM)) {
        for (const clause of prefixes) if (term.startsWith(clause.term)) clause.words.forEach((w) => found.add(w));
      }
      return [...found].sort((a, b) => a - b);
    };

    const kept = [];
    const terms = new Map();
    for (const result of results) {
      const metadata = result.matchData.metadata;
      const rewritten = {};
      const matched = new Set();
      const surfaces = new Set();
      const seen = new Map();
      for (const term of Object.keys(metadata).sort((a, b) => +a.startsWith(STEM) - +b.startsWith(STEM))) {
        const who = owners(term);
        if (!who.length) {
          rewritten[term] = metadata[term];
          continue;
        }
        who.forEach((w) => matched.add(w));
        who.forEach((w, n) => {
          const fields = {};
          for (const [field, data] of Object.entries(metadata[term])) {
            for (const surface of data.surface || []) if (surface) surfaces.add(surface);
            if (!seen.has(field)) seen.set(field, new Set());
            const done = seen.get(field);
            const position = n === 0 ? (data.position || []).filter((p) => !done.has(p)) : [];
            position.forEach((p) => done.add(p));
            fields[field] = { ...data, position };
          }
          rewritten[`${words[w].word}${JOIN}${term}`] = fields;
        });
      }
      const broken = words.some(
        ({ presence }, i) =>
          (presence === 1 && keys[i] !== null && !matched.has(i)) || (presence === -1 && matched.has(i))
      );
      if (broken) continue;
      result.matchData.metadata = rewritten;
      const shown = {};
      for (const surface of [...surfaces].sort()) shown[surface] = true;
      words.forEach(({ word, presence }, i) => {
        if (keys[i] !== null && presence !== -1 && !matched.has(i) && !(word in shown)) shown[word] = false;
      });
      terms.set(result.ref, shown);
      result.skoleplanWords = [...matched].filter((i) => keys[i] !== null && words[i].presence !== -1).length;
      kept.push(result);
    }
    return { results: kept, terms };
  }

  /** How much a page's other matching sections add to its best one when pages are ranked (`rerank`). */
  const PAGE_SHARE = 0.25;

  /**
   * Results in the order a reader asking a question expects, for Material, which lists pages in the order
   * their first section appears. Two changes to lunr's order, both blind to what is asked:
   *
   *  - a section that matches more of the query's words ranks higher: its score is multiplied by the
   *    square of the share of the words it matches («barnet mitt blir mobbet» is about both words; a
   *    section whose heading has one of them no longer outranks one whose text has both);
   *  - a page ranks by its best section plus a quarter of its other matching sections, so a page that
   *    answers the question throughout comes before a page that mentions a word once in a heading.
   *
   * `results` come from `attribute` (each with `skoleplanWords`, the query words it matched).
   */
  function rerank(results, expanded) {
    const { words, keys } = expanded;
    const wanted = words.filter((w, i) => keys[i] !== null && w.presence !== -1).length;
    for (const result of results) {
      const share = wanted > 1 ? Math.min(1, (result.skoleplanWords || 0) / wanted) : 1;
      result.score *= share * share;
    }
    const page = (result) => String(result.ref).split("#")[0];
    const sections = new Map();
    for (const result of results) {
      const list = sections.get(page(result)) || [];
      list.push(result.score);
      sections.set(page(result), list);
    }
    const pageScore = new Map();
    for (const [name, scores] of sections) {
      scores.sort((a, b) => b - a);
      pageScore.set(name, scores[0] + PAGE_SHARE * scores.slice(1).reduce((sum, score) => sum + score, 0));
    }
    return results.sort(
      (a, b) =>
        pageScore.get(page(b)) - pageScore.get(page(a)) ||
        (page(a) < page(b) ? -1 : page(a) > page(b) ? 1 : 0) ||
        b.score - a.score ||
        (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
    );
  }

  /** Material's worker file, from this worker's ?material=…: only a Material search worker is loaded. */
  function materialWorker(href) {
    const name = new URL(href).searchParams.get("material") || "";
    if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
      throw new Error(`skoleplan-search: ukjent søkearbeider «${name}»`);
    }
    return name;
  }

  /** Sets the worker up: Material's worker, and the two changes to its lunr (indexing and querying). */
  function install(scope) {
    const state = { table: null, synonyms: new Map(), terms: null };

    // Runs before Material's listener (registered by importScripts below): keep the search words.
    scope.addEventListener("message", (event) => {
      const message = event.data;
      if (message && message.type === MESSAGE.SETUP) {
        const config = (message.data && message.data.config) || {};
        state.table = config.skoleplan || null;
        state.synonyms = synonymIndex(state.table);
      }
    });

    scope.importScripts(materialWorker(scope.location.href));
    const lunr = scope.lunr;
    // Snowball runs once per distinct word, not once per occurrence: the index repeats most words.
    const stemmed = new Map();
    const stemOnce = (word) => {
      let stem = stemmed.get(word);
      if (stem === undefined) stemmed.set(word, (stem = lunr.no.stemmer(word)));
      return stem;
    };
    const isStop = (word) => !lunr.no.stopWordFilter(word);

    function stems(token) {
      const word = token.toString();
      token.metadata.surface = word;
      if (!/\p{L}/u.test(word)) return token;
      const metadata = Object.assign({}, token.metadata);
      return [token, new lunr.Token(STEM + stemKey(word, stemOnce), metadata)];
    }
    lunr.Pipeline.registerFunction(stems, "skoleplan-stems");

    const add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.skoleplanReady) {
        this.skoleplanReady = true;
        this.pipeline.add(stems);
        this.searchPipeline.reset();
        if (!this.metadataWhitelist.includes("surface")) this.metadataWhitelist.push("surface");
      }
      return add.call(this, doc, attributes);
    };

    const search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (query) {
      try {
        const index = this.invertedIndex;
        const expanded = expandQuery(parseQuery(query), {
          stemOnce,
          isStop,
          has: (term) => Object.prototype.hasOwnProperty.call(index, term),
          table: state.table,
          synonyms: state.synonyms,
        });
        const results = this.query((q) => {
          for (const clause of expanded.clauses) {
            const options = {
              boost: clause.boost,
              usePipeline: false,
              wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
            };
            if (clause.field) options.fields = [clause.field];
            q.term(clause.term, options);
          }
        });
        const attributed = attribute(results, expanded);
        state.terms = attributed.terms;
        return rerank(attributed.results, expanded);
      } catch (error) {
        console.warn("skoleplan-search: søket falt tilbake på Materials eget søk", error);
        state.terms = null;
        return search.call(this, query);
      }
    };

    // Material renders each result's terms: true ones go into ?h= (highlighted on the page), false ones show as missing.
    const post = scope.postMessage.bind(scope);
    scope.postMessage = function (message, ...rest) {
      if (message && message.type === MESSAGE.RESULT && state.terms) {
        for (const group of message.data.items || []) {
          for (const item of group) {
            const terms = state.terms.get(item.location);
            if (terms) item.terms = terms;
          }
        }
      }
      state.terms = null;
      return post(message, ...rest);
    };
  }

  return {
    BOOST,
    EXTRA_STOP_WORDS,
    JOIN,
    MESSAGE,
    PAGE_SHARE,
    STEM,
    alternates,
    attribute,
    expandQuery,
    install,
    materialWorker,
    parseQuery,
    rerank,
    splitCompound,
    stemKey,
    synonymIndex,
  };
});
