/* zongjie search, page side: the campaign/organisation/unit filters in the search panel and the full count.
   Talks to this tab's search worker over a BroadcastChannel named after the tab id that
   zongjie-search/config.html put in the worker URL. Without that id (search not set up by
   zongjie) it does nothing. */
(function () {
  "use strict";
  var tab = document.documentElement.getAttribute("data-zj-search-tab");
  if (!tab) return;

  /* Material reads the box on keyup only. Text that arrives without one (an input method
     committing Chinese, a paste from the context menu, dictation) is passed on as well. */
  var input = document.querySelector("input.md-search__input");
  if (input) input.addEventListener("input", function () {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  });

  var box = document.querySelector("[data-zj-search-filters]");
  if (!box || typeof BroadcastChannel === "undefined") return;
  var channel = new BroadcastChannel("zongjie-search:" + tab);
  var campaign = box.querySelector('[data-zj-search-filter="campaign"]');
  var unit = box.querySelector('[data-zj-search-filter="unit"]');
  var org = box.querySelector('[data-zj-search-filter="org"]');
  var orgField = box.querySelector("[data-zj-search-org]");
  var meta = document.querySelector(".md-search-result__meta");
  var facets = null, total = null;
  box.hidden = false;

  /* Keys typed in the filters are theirs, not Material's search shortcuts. */
  box.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" && ev.key !== "Tab") ev.stopPropagation();
  });

  /* The node number of the organisation picked; 0 for all. */
  function orgNumber() {
    var found = org && org.value && (facets.orgs || []).find(function (o) { return o[0] === org.value; });
    return found ? found[3] : 0;
  }

  /* Is node ``n`` the organisation ``top`` or below it (following facets.orgParent)? */
  function under(n, top) {
    var parents = facets.orgParent || [];
    for (var steps = 0; n && steps <= parents.length; steps++) {
      if (n === top) return true;
      n = parents[n - 1];
    }
    return false;
  }

  /* Organisation names are data: they become option text, never markup. Deeper levels are
     indented with ideographic spaces, which <option> keeps. */
  function fillOrgs() {
    if (!org || !facets || org.options.length > 1) return;
    (facets.orgs || []).forEach(function (o) {
      org.add(new Option("\u3000".repeat(Math.max(0, o[2] - 1)) + o[1], o[0]));
    });
    if (orgField) orgField.hidden = org.options.length < 2;
  }

  function fillUnits() {
    if (!facets) return;
    var wanted = campaign.value ? facets.campaigns.findIndex(function (c) {
      return c[0] === campaign.value;
    }) + 1 : 0;
    var top = orgNumber();
    var keep = unit.value;
    while (unit.options.length > 1) unit.remove(1);
    facets.units.forEach(function (u) {
      if (wanted && u[2].indexOf(wanted) < 0) return;
      if (top && !under(u[3], top)) return;
      unit.add(new Option(u[1], u[0], false, u[0] === keep));
    });
    if (unit.value !== keep) unit.value = "";
  }

  function loadFacets() {
    if (facets) return;
    facets = { campaigns: [], units: [] };
    var url = new URL("search/zongjie/facets.json", new URL(
      JSON.parse(document.getElementById("__config").textContent).base, location.href));
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      facets = data;
      fillOrgs();
      fillUnits();
    }).catch(function () { facets = null; });
  }

  function send() {
    var picked = org ? org.value : "";
    channel.postMessage({ type: "filter", campaign: campaign.value, unit: unit.value, org: picked });
    box.classList.toggle("zj-search-filters--active", !!(campaign.value || unit.value || picked));
  }

  [unit, org].forEach(function (control) {
    if (!control) return;
    control.addEventListener("focus", loadFacets);
    control.addEventListener("mousedown", loadFacets);
  });
  document.addEventListener("focusin", function (ev) {
    if (ev.target && ev.target.matches && ev.target.matches(".md-search__input")) loadFacets();
  });
  campaign.addEventListener("change", function () { fillUnits(); send(); });
  unit.addEventListener("change", send);
  if (org) org.addEventListener("change", function () { fillUnits(); send(); });

  /* Material counts the results it was given (at most 30); say how many pages match. */
  function relabel() {
    if (!total || !meta) return;
    var shown = total.shown, text;
    if (!shown) return;
    if (total.exact < shown)
      text = total.exact + " 个页面完全符合，另有 " + (shown - total.exact) + " 个部分符合";
    else if (total.total > shown)
      text = "找到 " + total.total + " 个符合条件的结果，显示前 " + shown + " 个";
    else
      text = "找到 " + shown + " 个符合条件的结果";
    if (meta.textContent !== text && /\d/.test(meta.textContent)) meta.textContent = text;
  }
  channel.addEventListener("message", function (ev) {
    if (ev.data && ev.data.type === "total") { total = ev.data; relabel(); }
  });
  if (meta) new MutationObserver(relabel).observe(meta, { childList: true, characterData: true, subtree: true });
})();
