// AiFeed reader: theme toggle, keyboard shortcuts (j/k/o and /) and relative dates. No dependencies.
// Pictures drawn by AiFeed (/api/learning/…svg) follow the system theme by themselves; a theme chosen
// here is passed to them as ?theme=, since an image cannot see the page's choice.
(function () {
    "use strict";
    var root = document.documentElement;
    var stored = null;
    try { stored = window.localStorage.getItem("aifeed-theme"); } catch (e) { stored = null; }
    // Applied before the first paint (this file is loaded in <head>, not deferred).
    if (stored === "dark" || stored === "light") { root.setAttribute("data-theme", stored); }

    function currentTheme() {
        var set = root.getAttribute("data-theme");
        if (set) { return set; }
        return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    }

    function paintToggle(button) {
        var dark = currentTheme() === "dark";
        button.setAttribute("aria-pressed", dark ? "true" : "false");
        button.textContent = dark ? "Light theme" : "Dark theme";
    }

    function themePictures() {
        var chosen = root.getAttribute("data-theme");
        document.querySelectorAll("img[src^=\"/api/learning/\"]").forEach(function (img) {
            var url = new URL(img.getAttribute("src"), window.location.href);
            if (chosen) { url.searchParams.set("theme", chosen); } else { url.searchParams.delete("theme"); }
            var next = url.pathname + url.search;
            if (next !== img.getAttribute("src")) { img.setAttribute("src", next); }
        });
    }

    function setupTheme() {
        themePictures();
        var button = document.getElementById("theme-toggle");
        if (!button) { return; }
        paintToggle(button);
        button.addEventListener("click", function () {
            var next = currentTheme() === "dark" ? "light" : "dark";
            root.setAttribute("data-theme", next);
            try { window.localStorage.setItem("aifeed-theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
            paintToggle(button);
            themePictures();
        });
    }

    function relative(date, now) {
        var seconds = Math.round((now - date) / 1000);
        var future = seconds < 0;
        var s = Math.abs(seconds);
        var text;
        if (s < 60) { return "just now"; }
        if (s < 3600) { text = Math.floor(s / 60) + " min"; }
        else if (s < 86400) { text = Math.floor(s / 3600) + " h"; }
        else if (s < 86400 * 60) { var d = Math.floor(s / 86400); text = d === 1 ? "1 day" : d + " days"; }
        else { return null; }
        return future ? "in " + text : text + " ago";
    }

    function refreshDates() {
        var now = Date.now();
        document.querySelectorAll("time[data-relative]").forEach(function (el) {
            var at = Date.parse(el.getAttribute("datetime"));
            if (isNaN(at)) { return; }
            var text = relative(at, now);
            if (text) { el.textContent = text; }
        });
    }

    var selected = -1;

    function entries() { return Array.prototype.slice.call(document.querySelectorAll("[data-entry]")); }

    function select(index) {
        var list = entries();
        if (list.length === 0) { return; }
        index = Math.max(0, Math.min(list.length - 1, index));
        if (selected >= 0 && list[selected]) { list[selected].classList.remove("selected"); }
        selected = index;
        var entry = list[selected];
        entry.classList.add("selected");
        entry.focus({ preventScroll: true });
        entry.scrollIntoView({ block: "nearest" });
    }

    function typing(target) {
        if (!target || !target.tagName) { return false; }
        var tag = target.tagName.toLowerCase();
        return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
    }

    function onKey(event) {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
        var list;
        switch (event.key) {
            case "j":
                select(selected + 1);
                break;
            case "k":
                select(selected < 0 ? 0 : selected - 1);
                break;
            case "o":
                list = entries();
                if (selected < 0 || !list[selected]) { return; }
                var link = list[selected].querySelector("a[data-open]");
                if (link) { window.open(link.href, "_blank", "noopener,noreferrer"); }
                break;
            case "/":
                var search = document.getElementById("q");
                if (!search) { return; }
                search.focus();
                search.select();
                break;
            default:
                return;
        }
        event.preventDefault();
    }

    document.addEventListener("DOMContentLoaded", function () {
        setupTheme();
        refreshDates();
        window.setInterval(refreshDates, 60000);
        document.addEventListener("keydown", onKey);
        // A click on an entry makes it the current one, so j/k continue from there.
        document.addEventListener("click", function (event) {
            var entry = event.target.closest && event.target.closest("[data-entry]");
            if (!entry) { return; }
            var list = entries();
            var index = list.indexOf(entry);
            if (index >= 0 && index !== selected) {
                if (selected >= 0 && list[selected]) { list[selected].classList.remove("selected"); }
                selected = index;
                entry.classList.add("selected");
            }
        });
    });
}());
