/* Publication lists (cvbib): what needs a script, added as an enhancement.
   Without JavaScript every entry shows, truncated author lists read
   "…, Owner, and N more", and the abstract/BibTeX toggles still work
   (they are <details> elements). */
"use strict";

(function () {
  /* The page's words: English, or the build's language (window.cvbibWords, set by cvbib). */
  var words = Object.assign({
    filterLabel: "Filter publications",
    filterPlaceholder: "Title, author, venue or year",
    filterStatus: "{shown} of {total} shown"
  }, window.cvbibWords || {});

  /* "and N more" becomes a button that reveals the hidden names in place. */
  function enhanceAuthorLists(root) {
    root.querySelectorAll(".cvbib-authors-more").forEach(function (more) {
      var entry = more.closest("li, .citation, div, p");
      if (!entry || more.tagName === "BUTTON") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = more.className;
      button.textContent = more.textContent;
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () {
        var paragraph = button.closest("p") || entry;
        paragraph.querySelectorAll(".cvbib-authors-hidden").forEach(function (hidden) {
          hidden.hidden = false;
        });
        paragraph.classList.add("cvbib-expanded");
        button.setAttribute("aria-expanded", "true");
      });
      more.replaceWith(button);
    });
  }

  /* A filter box over each grouped list: title, author, venue or year. */
  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function addFilter(listing, index) {
    var entries = Array.prototype.slice.call(
      listing.querySelectorAll(".cvbib-group li, .cvbib-group .citation")
    );
    if (entries.length === 0) return;
    var box = document.createElement("div");
    box.className = "cvbib-filter-box";
    var id = "cvbib-filter-" + index;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = words.filterLabel;
    label.className = "cvbib-filter-label";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = words.filterPlaceholder;
    input.setAttribute("autocomplete", "off");
    var status = document.createElement("span");
    status.className = "cvbib-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.append(label, document.createElement("br"), input, status);
    listing.insertBefore(box, listing.firstChild);
    var texts = entries.map(function (entry) {
      var group = entry.closest(".cvbib-group");
      var heading = group ? group.querySelector(".cvbib-group-heading") : null;
      var paragraph = entry.querySelector("p") || entry;
      return normalise(paragraph.textContent + " " + (heading ? heading.textContent : ""));
    });
    input.addEventListener("input", function () {
      var terms = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        var match = terms.every(function (term) { return texts[i].indexOf(term) !== -1; });
        if (match) { entry.removeAttribute("data-cvbib-hidden"); shown += 1; }
        else { entry.setAttribute("data-cvbib-hidden", ""); }
      });
      listing.querySelectorAll(".cvbib-group").forEach(function (group) {
        var any = group.querySelector("li:not([data-cvbib-hidden]), .citation:not([data-cvbib-hidden])");
        if (any) group.removeAttribute("data-cvbib-hidden");
        else group.setAttribute("data-cvbib-hidden", "");
      });
      status.textContent = terms.length
        ? words.filterStatus.replace("{shown}", shown).replace("{total}", entries.length)
        : "";
    });
  }

  function start() {
    enhanceAuthorLists(document);
    document.querySelectorAll(".cvbib-listing").forEach(function (listing, index) {
      if (listing.querySelector(".cvbib-group")) addFilter(listing, index);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
