// Narrows the timeline to one actor or one region, in place. Without JavaScript, every entry's actor and
// region links lead to pages that list only that actor's or that region's claims, so nothing is lost.
// The choice is kept in the address (?actor=putin&region=donetsk), so a narrowed timeline can be shared.
(function () {
  "use strict";

  function idFrom(link, family) {
    var match = (link.getAttribute("href") || "").match(new RegExp("(?:^|/)" + family + "/([a-z0-9-]+)/$"));
    return match ? match[1] : null;
  }

  function options(items, family) {
    var names = {};
    items.forEach(function (item) {
      item.links.forEach(function (link) {
        var id = idFrom(link, family);
        if (id) names[id] = link.textContent.trim();
      });
    });
    return Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); })
      .map(function (id) { return [id, names[id]]; });
  }

  function select(label, name, choices, all) {
    var wrapper = document.createElement("label");
    wrapper.textContent = label + " ";
    var field = document.createElement("select");
    field.name = name;
    [["", all]].concat(choices).forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      field.appendChild(option);
    });
    wrapper.appendChild(field);
    return wrapper;
  }

  function init() {
    var intro = document.querySelector(".timeline-intro");
    if (!intro || intro.getAttribute("data-enhanced")) return;
    intro.setAttribute("data-enhanced", "true");
    var article = intro.closest("article");
    var items = Array.prototype.map.call(article.querySelectorAll("h2 + ul > li"), function (li) {
      var links = Array.prototype.slice.call(li.querySelectorAll("a[href]"));
      return {
        li: li,
        links: links,
        actors: links.map(function (a) { return idFrom(a, "actors"); }).filter(Boolean),
        regions: links.map(function (a) { return idFrom(a, "regions"); }).filter(Boolean)
      };
    });
    var form = document.createElement("form");
    form.className = "timeline-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Narrow the timeline");
    var actor = select("Actor", "actor", options(items, "actors"), "All actors");
    var region = select("Region", "region", options(items, "regions"), "All regions");
    var status = document.createElement("p");
    status.className = "timeline-count";
    status.setAttribute("aria-live", "polite");
    form.appendChild(actor);
    form.appendChild(region);
    form.appendChild(status);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    intro.parentNode.insertBefore(form, intro.nextSibling);

    var actorField = actor.querySelector("select");
    var regionField = region.querySelector("select");
    var query = new URLSearchParams(window.location.search);
    actorField.value = query.get("actor") || "";
    regionField.value = query.get("region") || "";

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = (!actorField.value || item.actors.indexOf(actorField.value) !== -1) &&
          (!regionField.value || item.regions.indexOf(regionField.value) !== -1);
        item.li.hidden = !visible;
        if (visible) shown += 1;
      });
      Array.prototype.forEach.call(article.querySelectorAll("h2 + ul"), function (list) {
        var any = list.querySelector("li:not([hidden])");
        list.hidden = !any;
        list.previousElementSibling.hidden = !any;
      });
      status.textContent = shown + " of " + items.length + " claims shown";
      var params = new URLSearchParams();
      if (actorField.value) params.set("actor", actorField.value);
      if (regionField.value) params.set("region", regionField.value);
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    actorField.addEventListener("change", apply);
    regionField.addEventListener("change", apply);
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
