// The site's search, on the search page: Pagefind's index is fetched only when a reader searches,
// and only the parts a query needs. Results are built with DOM methods: page text is never HTML.
//
// Order of results: first a topic the query names (its page gathers every plan's promises on it);
// then pages found by the reader's words or by other words for the same thing that keep a word of
// theirs ("care leavers" → "care experienced"), from plans in force and about every plan first,
// then from plans that have ended or been replaced (marked standing:earlier by the build); last,
// pages found only by a topic's broader words ("CAMHS" → "wellbeing"), in the same order. Within
// each group, Pagefind's ranking.
(function () {
  "use strict";
  const form = document.getElementById("site-search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("site-search-status");
  const list = document.getElementById("site-search-results");
  const more = document.getElementById("site-search-more");
  const root = new URL(form.dataset.root, location.href); // the site's root, also in a sub-folder
  const SHOWN = 10; // each result shown fetches its excerpt, so results come ten at a time
  const WEIGHT = [1, 0.8, 0.6]; // the reader's words, other words keeping one of theirs, broader words
  let pagefind = null;
  let latest = 0;
  let pending = []; // results not yet shown, for "Show more results"

  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname });
    }
    return pagefind;
  }

  function text(html) {
    // Pagefind's excerpts are escaped text; a textarea decodes them without making any element.
    const area = document.createElement("textarea");
    area.innerHTML = html;
    return area.value;
  }

  function excerpt(html) {
    const p = document.createElement("p");
    let mark = null;
    for (const part of html.split(/(<mark>|<\/mark>)/)) {
      if (part === "<mark>") {
        mark = document.createElement("mark");
        p.append(mark);
      } else if (part === "</mark>") {
        mark = null;
      } else {
        (mark || p).append(document.createTextNode(text(part)));
      }
    }
    return p;
  }

  let topics = null;
  async function topicList() {
    if (!topics) {
      const response = await fetch(new URL("search/synonyms.json", root));
      topics = response.ok ? await response.json() : [];
    }
    return topics;
  }

  function says(query, words) {
    // True when the query holds these words as whole words ("care leavers" holds "care leavers").
    const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(query);
  }

  function alternatives(query, found) {
    // Other ways to say the query, from the topics it names ("care leavers" ≈ "care experienced"),
    // each with how close it is: 1 when it keeps a word of the reader's, 2 when it is broader.
    const ways = new Map();
    for (const topic of found) {
      const said = topic.words.filter((w) => says(query, w)).sort((a, b) => b.length - a.length)[0];
      if (!said) continue;
      const kept = new Set(said.split(/\s+/));
      for (const other of topic.words) {
        if (other === said || other.includes(said) || said.includes(other)) continue;
        const close = other.split(/\s+/).some((word) => kept.has(word)) ? 1 : 2;
        const way = query.replace(said, other);
        ways.set(way, Math.min(close, ways.get(way) || 2));
      }
    }
    return [...ways].sort((a, b) => a[1] - b[1]).slice(0, 8);
  }

  const SMALL_WORDS = new Set(["a", "an", "and", "the", "of", "in", "for", "to", "on", "with", "about", "what", "is"]);
  const wordsOf = (text) => text.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w && !SMALL_WORDS.has(w));

  function topicsNamed(query, topics) {
    // The topics the query names: every word of the query is one of the topic's words, and the
    // query says one of its phrases or part of its name ("mental health"); only the most specific
    // (the longest match), so "mental health" is not also physical health, and "homeless protocol"
    // (something within a topic) is not answered by the topic first.
    const asked = wordsOf(query);
    const scored = topics.map((topic) => {
      const known = new Set(wordsOf([topic.name.toLowerCase(), ...topic.words].join(" ")));
      if (!asked.length || !asked.every((w) => known.has(w))) return [topic, 0];
      return [topic, Math.max(0, ...topic.words.filter((w) => says(query, w)).map((w) => w.length),
        says(topic.name.toLowerCase(), query) ? query.length : 0)];
    });
    const most = Math.max(0, ...scored.map(([, n]) => n));
    return most ? scored.filter(([, n]) => n === most).map(([topic]) => topic) : [];
  }

  async function ranked(query) {
    const engine = await load();
    const q = query.toLowerCase().trim();
    const found = topicsNamed(q, await topicList());
    const best = new Map();
    const variants = [[q, 0], ...alternatives(q, found)];
    const topicResults = new Map();
    await Promise.all(variants.map(async ([words, close]) => {
      const [all, earlier, onTopics] = await Promise.all([engine.search(words),
        engine.search(words, { filters: { standing: "earlier" } }),
        found.length ? engine.search(words, { filters: { kind: "topic" } }) : { results: [] }]);
      const old = new Set(earlier.results.map((r) => r.id));
      for (const result of onTopics.results) topicResults.set(result.id, result);
      for (const result of all.results) {
        const group = (close === 2 ? 2 : 0) + (old.has(result.id) ? 1 : 0);
        const score = result.score * WEIGHT[close];
        const seen = best.get(result.id);
        if (!seen || group < seen.group || (group === seen.group && seen.score < score)) {
          best.set(result.id, { result, score, group });
        }
      }
    }));
    const topicPages = found.map((topic) => ({ url: new URL(topic.page, root).pathname, title: topic.name,
      about: topic.about }));
    // A topic shown first is not listed again among the pages.
    const first = new Set(topicPages.map((t) => t.url));
    const again = await Promise.all([...topicResults.values()].map(async (r) => (
      first.has(new URL((await r.data()).url, location.href).pathname) ? r.id : null)));
    const pages = [...best.values()].filter((entry) => !again.includes(entry.result.id))
      .sort((a, b) => (a.group - b.group) || (b.score - a.score));
    return { topicPages, pages };
  }

  function item(url, title, body) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = url;
    a.textContent = title;
    li.append(a, body);
    return li;
  }

  async function showMore(ticket) {
    // aria-busy: assistive technology (and the tests) wait until the results are all in the list.
    list.setAttribute("aria-busy", "true");
    const next = pending.splice(0, SHOWN);
    const shown = await Promise.all(next.map((entry) => entry.result.data()));
    if (ticket !== latest) return;
    list.append(...shown.map((data) => item(data.url, text(data.meta.title || data.url), excerpt(data.excerpt || ""))));
    list.setAttribute("aria-busy", "false");
    more.hidden = pending.length === 0;
    if (!more.hidden) more.textContent = `Show ${Math.min(SHOWN, pending.length)} more results`;
  }

  async function run(query) {
    const ticket = ++latest;
    pending = [];
    more.hidden = true;
    if (!query.trim()) {
      list.replaceChildren();
      list.setAttribute("aria-busy", "false");
      status.textContent = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    status.textContent = "Searching…";
    const { topicPages, pages } = await ranked(query);
    if (ticket !== latest) return; // a newer query has started
    list.replaceChildren(...topicPages.map((topic) => {
      const p = document.createElement("p");
      p.textContent = `Topic: ${topic.about || topic.title}`;
      const li = item(topic.url, topic.title, p);
      li.dataset.topic = "";
      return li;
    }));
    pending = pages;
    const n = topicPages.length + pages.length;
    status.textContent = n === 0 ? "No page has all of these words. Try fewer words, or other words."
      : n === 1 ? "1 page found." : n > SHOWN ? `${n} pages found. The first ${SHOWN} are shown.` : `${n} pages found.`;
    await showMore(ticket);
  }

  more.addEventListener("click", () => showMore(latest));
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
