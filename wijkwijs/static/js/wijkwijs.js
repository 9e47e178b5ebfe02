// Wijkwijs: small enhancements; every page works without them.
// A static file because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  // Filters that apply as soon as one changes (the form's own button is for when
  // JavaScript is off). After the reload, focus returns to the filter that was changed.
  var FOCUS_KEY = "wijkwijs:refocus";

  function autoSubmit(form) {
    form.querySelectorAll("[data-hide-with-script]").forEach(function (element) {
      element.hidden = true;
    });
    form.querySelectorAll("[data-show-with-script]").forEach(function (element) {
      element.hidden = false;
    });
    form.addEventListener("change", function (event) {
      var field = event.target;
      if (!field.name) return;
      try {
        sessionStorage.setItem(FOCUS_KEY, JSON.stringify([field.name, field.value]));
      } catch (error) {
        /* private mode: no refocus */
      }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  }

  function refocus() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (error) {
      return;
    }
    if (!saved) return;
    var fields = document.querySelectorAll("form[data-apply-on-change] [name]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].name === saved[0] && (fields[i].type !== "checkbox" || fields[i].value === saved[1])) {
        fields[i].focus();
        return;
      }
    }
  }

  // Autocomplete: an ARIA 1.2 combobox with a list popup (a search box whose suggestions
  // are links). Arrow keys move through the suggestions, Enter opens one, Escape closes
  // the list; Enter without a chosen suggestion searches as usual.
  function combobox(input) {
    var url = input.getAttribute("data-autocomplete");
    var announce = input.getAttribute("data-autocomplete-announce") || "";
    var id = input.id + "-suggestions";

    var wrapper = document.createElement("div");
    wrapper.className = "ww-combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.className = "utrecht-listbox ww-combobox__list";
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || "");
    list.hidden = true;
    wrapper.appendChild(list);
    // The live region that announces the number of suggestions: made when the box first
    // gets focus (before anything is said), so pages without a search stay quiet.
    var status = null;
    input.addEventListener("focus", function () {
      if (status) return;
      status = document.createElement("div");
      status.className = "ww-visually-hidden";
      status.setAttribute("role", "status");
      wrapper.appendChild(status);
    });

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    var suggestions = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(items) {
      suggestions = items;
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.className = "utrecht-listbox__option";
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.title;
        var detail = document.createElement("span");
        detail.className = "ww-note";
        detail.textContent = " · " + (item.report ? item.report + " · " : "") + item.type_label;
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box until the page changes
          window.location.assign(item.url);
        });
        list.appendChild(option);
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (status) status.textContent = items.length ? items.length + " " + announce : "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) {
        show([]);
        return;
      }
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (ticket === latest && document.activeElement === input) show(data.suggestions || []);
        })
        .catch(function () {
          /* no suggestions is fine: the search itself still works */
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        if (!open) {
          if (suggestions.length) show(suggestions);
          return;
        }
        event.preventDefault();
        highlight(active + 1 < suggestions.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : suggestions.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(suggestions[active].url);
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-apply-on-change]").forEach(autoSubmit);
  refocus();
  document.querySelectorAll("input[data-autocomplete]").forEach(combobox);
})();
