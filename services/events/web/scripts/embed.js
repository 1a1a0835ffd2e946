/* convegni: an organization's upcoming events, drawn into the page of the site that includes
   this script (https://<convegni>/embed/events.js), into each element such as
     <div data-convegni-organization="comune-di-crema">
       <a href="https://<convegni>/?organizer=comune-di-crema">Gli eventi del Comune</a>
     </div>
   What the element holds is what people see without JavaScript, or when the list cannot be
   loaded: a link to the organization's events is the sensible thing to put there.
   Options on the element: data-lang="it" or "en" (else the page's own lang), data-limit (how
   many events, 1 to 20), data-heading-level (2 to 6: event titles as headings of that level,
   to fit the page's outline; without it they are list items' links).
   The list is drawn in a shadow root: the site's styles do not reach inside and ours do not
   leak out, except what is inherited on purpose (font, text colour) and the kit's custom
   properties (--bs-link-color...), so a Bootstrap Italia site's theme colours its links.
   No cookie is sent or set, no other script is loaded, and nothing is tracked. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var base = script.src;
  var CSS = [
    ":host { display: block; }",
    ".cvg-list { list-style: none; margin: 0; padding: 0; }",
    ".cvg-item { padding: .75em 0; border-bottom: 1px solid var(--bs-border-color, #c5c7c9); }",
    ".cvg-when { margin: 0 0 .25em; font-size: .875em; font-weight: 600; text-transform: uppercase; }",
    ".cvg-title { display: block; margin: 0 0 .25em; font-size: 1.125em; font-weight: 600; line-height: 1.3; }",
    ".cvg-where, .cvg-none { margin: 0; font-size: .875em; }",
    ".cvg-all { margin: .75em 0 0; font-size: .875em; }",
    "a { color: var(--bs-link-color, #0066cc); text-decoration: underline; overflow-wrap: anywhere; }",
    "a:hover { color: var(--bs-link-hover-color, #00458a); }",
    "a:focus-visible { outline: 2px solid #f90; outline-offset: 2px; }",
    ".cvg-badge { display: inline-block; margin-left: .5em; padding: .1em .4em; border-radius: 4px;" +
      " background: #b71f3a; color: #fff; font-size: .8em; text-transform: none; }"
  ].join("\n");

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function link(url, text, className) {
    var made = element("a", className, text);
    made.href = url;
    return made;
  }

  function style(root) {
    if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS); // not an inline <style>: a site's CSP without 'unsafe-inline' allows it
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(element("style", "", CSS));
    }
  }

  function item(event, lang, level) {
    var entry = element("li", "cvg-item");
    var when = element("p", "cvg-when");
    var time = element("time", "", event.when);
    time.setAttribute("datetime", event.starts_at);
    when.appendChild(time);
    if (event.cancelled) when.appendChild(element("span", "cvg-badge", event.cancelled));
    var title = level ? element("h" + level, "cvg-title") : element("p", "cvg-title");
    if (event.language !== lang) title.lang = event.language;
    title.appendChild(link(event.url, event.title));
    entry.appendChild(when);
    entry.appendChild(title);
    entry.appendChild(element("p", "cvg-where", event.place));
    return entry;
  }

  function draw(box, list) {
    var level = parseInt(box.getAttribute("data-heading-level"), 10);
    level = level >= 2 && level <= 6 ? level : 0;
    var root;
    try {
      root = box.attachShadow({ mode: "open" });
    } catch (refused) { // an element that cannot hold a shadow root: drawn in it instead
      box.textContent = "";
      root = box;
    }
    style(root);
    var wrapper = element("div", "cvg");
    wrapper.lang = list.lang;
    if (list.events.length) {
      var items = element("ul", "cvg-list");
      items.setAttribute("aria-label", list.label);
      list.events.forEach(function (event) { items.appendChild(item(event, list.lang, level)); });
      wrapper.appendChild(items);
    } else {
      wrapper.appendChild(element("p", "cvg-none", list.none));
    }
    var all = element("p", "cvg-all");
    all.appendChild(link(list.all.url, list.all.text));
    wrapper.appendChild(all);
    root.appendChild(wrapper);
  }

  function load(box) {
    if (box.hasAttribute("data-convegni-drawn")) return; // the script included twice
    box.setAttribute("data-convegni-drawn", "");
    var slug = box.getAttribute("data-convegni-organization");
    var lang = (box.getAttribute("data-lang") || document.documentElement.lang || "it").slice(0, 2);
    var url = new URL("/embed/organizations/" + encodeURIComponent(slug) + "/events.json", base);
    url.searchParams.set("lang", lang.toLowerCase());
    if (box.hasAttribute("data-limit")) url.searchParams.set("limit", box.getAttribute("data-limit"));
    fetch(url.href, { credentials: "omit", mode: "cors" })
      .then(function (answer) {
        if (!answer.ok) throw new Error("HTTP " + answer.status);
        return answer.json();
      })
      .then(function (list) { draw(box, list); })
      .catch(function (error) {
        console.warn("convegni: the events of '" + slug + "' were not loaded (" + error.message + "); the element keeps what it holds");
      });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-convegni-organization]"), load);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
