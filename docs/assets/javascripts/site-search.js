// The site's search, on the search page: Pagefind's index is fetched only when a reader searches,
// and only the parts a query needs. Results are built with DOM methods: page text is never HTML.
(function () {
  "use strict";
  const form = document.getElementById("site-search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("site-search-status");
  const list = document.getElementById("site-search-results");
  const root = new URL(form.dataset.root, location.href); // the site's root, also in a sub-folder
  const SHOWN = 10; // each result shown fetches its excerpt, so only the best ones are fetched
  let pagefind = null;
  let latest = 0;

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

  let synonyms = null;
  async function alternatives(query) {
    // Other ways to say the query, from the topics' other words ("care leaver" ≈ "care experienced").
    if (!synonyms) {
      const response = await fetch(new URL("search/synonyms.json", root));
      synonyms = response.ok ? await response.json() : [];
    }
    const q = query.toLowerCase();
    const found = [];
    for (const group of synonyms) {
      const said = group.find((words) => new RegExp(`(^|\\W)${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\W|$)`).test(q));
      if (said) {
        for (const other of group) {
          if (other !== said && !other.includes(said)) found.push(q.replace(said, other));
        }
      }
    }
    return found.slice(0, 4);
  }

  async function run(query) {
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    const engine = await load();
    // Pages with every word of the query come first; then those for other words that mean the same.
    const searches = await Promise.all([query, ...await alternatives(query)].map((q) => engine.search(q)));
    const seen = new Set();
    const results = [];
    for (const search of searches) {
      for (const result of search.results) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          results.push(result);
        }
      }
    }
    const search = { results };
    const shown = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (ticket !== latest) return; // a newer query has started
    list.replaceChildren(...shown.map((item) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.url;
      a.textContent = text(item.meta.title || item.url);
      li.append(a, excerpt(item.excerpt || ""));
      return li;
    }));
    const n = search.results.length;
    status.textContent = n === 0 ? "No page has all of these words. Try fewer words, or other words."
      : n === 1 ? "1 page found." : n > SHOWN ? `${n} pages found; the first ${SHOWN} are shown. Add words to narrow them.`
        : `${n} pages found.`;
  }

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
