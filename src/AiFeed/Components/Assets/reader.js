// AiFeed reader: theme toggle, keyboard shortcuts, relative and local dates, and the reader's own state
// (read marks, saved posts, "new since your last visit", export/import), kept in this browser's
// localStorage: AiFeed has no accounts. No dependencies; every page works without it.
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
        // A short label keeps the header on one row; the name says what it does.
        button.textContent = dark ? "Light" : "Dark";
        button.setAttribute("aria-label", dark ? "Light theme" : "Dark theme");
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

    // ---- The reader's state: read marks and saved posts, in localStorage. ----
    var READ_KEY = "aifeed-read", SAVED_KEY = "aifeed-saved", VISIT_KEY = "aifeed-last-visit", HIDE_KEY = "aifeed-hide-read";
    // Read marks of old posts are dropped past this many, oldest first: storage stays small.
    var MAX_READ = 5000;

    function load(key, fallback) {
        try {
            var text = window.localStorage.getItem(key);
            return text ? JSON.parse(text) : fallback;
        } catch (e) { return fallback; }
    }

    function store(key, value) {
        try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or private mode: lasts this page */ }
    }

    var read = load(READ_KEY, {});
    var saved = load(SAVED_KEY, []);
    if (typeof read !== "object" || read === null || Array.isArray(read)) { read = {}; }
    if (!Array.isArray(saved)) { saved = []; }

    function pruneRead() {
        var ids = Object.keys(read);
        if (ids.length <= MAX_READ) { return; }
        ids.sort(function (a, b) { return read[a] - read[b]; });
        ids.slice(0, ids.length - MAX_READ).forEach(function (id) { delete read[id]; });
    }

    function isSaved(id) { return saved.some(function (s) { return s.id === id; }); }

    function paintEntry(entry) {
        var id = entry.getAttribute("data-id");
        if (!id) { return; }
        var isRead = Object.prototype.hasOwnProperty.call(read, id);
        entry.classList.toggle("read", isRead);
        var readButton = entry.querySelector("[data-toggle-read]");
        if (readButton) {
            readButton.setAttribute("aria-pressed", isRead ? "true" : "false");
            readButton.firstChild.textContent = isRead ? "Mark unread" : "Mark read";
        }
        var saveButton = entry.querySelector("[data-toggle-save]");
        if (saveButton && !entry.hasAttribute("data-saved-copy")) {
            var on = isSaved(id);
            saveButton.setAttribute("aria-pressed", on ? "true" : "false");
            saveButton.firstChild.textContent = on ? "Saved" : "Save";
        }
    }

    function setRead(entry, value) {
        var id = entry.getAttribute("data-id");
        if (!id) { return; }
        if (value) { read[id] = Date.now(); pruneRead(); } else { delete read[id]; }
        store(READ_KEY, read);
        paintEntry(entry);
    }

    function entryInfo(entry) {
        var link = entry.querySelector("a[data-open]");
        var time = entry.querySelector("time[datetime]");
        return {
            id: entry.getAttribute("data-id"),
            title: link ? link.textContent.trim() : "",
            url: link ? link.href : "",
            source: entry.getAttribute("data-source") || "",
            at: time ? time.getAttribute("datetime") : "",
            savedAt: new Date().toISOString()
        };
    }

    function toggleSaved(entry) {
        var id = entry.getAttribute("data-id");
        if (!id) { return; }
        if (isSaved(id)) {
            saved = saved.filter(function (s) { return s.id !== id; });
        } else {
            saved.unshift(entryInfo(entry));
        }
        store(SAVED_KEY, saved);
        paintEntry(entry);
        if (entry.hasAttribute("data-saved-copy")) { renderSaved(); }
    }

    function hideRead(on) {
        document.body.classList.toggle("hide-read", on);
        var button = document.querySelector("[data-hide-read]");
        if (button) {
            button.setAttribute("aria-pressed", on ? "true" : "false");
            button.textContent = on ? "Show read" : "Hide read";
        }
        store(HIDE_KEY, on);
    }

    // "New since your last visit": the visit before this one, fixed for this tab's session.
    function sinceLastVisit() {
        var baseline = null;
        try {
            baseline = window.sessionStorage.getItem(VISIT_KEY);
            if (baseline === null) {
                baseline = String(load(VISIT_KEY, ""));
                window.sessionStorage.setItem(VISIT_KEY, baseline);
            }
        } catch (e) { baseline = ""; }
        store(VISIT_KEY, Date.now());
        var since = Number(baseline);
        return since > 0 ? since : null;
    }

    function setupReadState() {
        var tools = document.querySelector("[data-reader-tools]");
        var list = entries();
        list.forEach(function (entry) {
            var actions = entry.querySelector(".entry-actions");
            if (actions) { actions.hidden = false; }
            paintEntry(entry);
        });
        if (!tools) { return; }
        tools.hidden = false;
        var since = sinceLastVisit();
        var counter = tools.querySelector("[data-new-count]");
        if (since !== null && counter) {
            var fresh = list.filter(function (entry) {
                var time = entry.querySelector("time[datetime]");
                var at = time ? Date.parse(time.getAttribute("datetime")) : NaN;
                var isNew = !isNaN(at) && at > since && !entry.classList.contains("read");
                entry.classList.toggle("new", isNew);
                return isNew;
            });
            counter.textContent = fresh.length === 1 ? "1 new since your last visit" : fresh.length + " new since your last visit";
        }
        tools.querySelector("[data-mark-all]").addEventListener("click", markAllRead);
        tools.querySelector("[data-hide-read]").addEventListener("click", function () { hideRead(!document.body.classList.contains("hide-read")); });
        hideRead(load(HIDE_KEY, false) === true);
        // A post scrolled past (its bottom above the top of the window) has been seen.
        if ("IntersectionObserver" in window) {
            var observer = new IntersectionObserver(function (changes) {
                changes.forEach(function (change) {
                    if (!change.isIntersecting && change.boundingClientRect.bottom < 0 && window.scrollY > 0) { setRead(change.target, true); }
                });
            });
            list.forEach(function (entry) { observer.observe(entry); });
        }
    }

    function markAllRead() { entries().forEach(function (entry) { setRead(entry, true); }); }

    // ---- The saved page, drawn from storage, and export/import. ----
    function renderSaved() {
        var list = document.querySelector("[data-saved-list]");
        var template = document.querySelector("[data-saved-template]");
        if (!list || !template) { return; }
        list.textContent = "";
        saved.forEach(function (post) {
            var node = template.content.firstElementChild.cloneNode(true);
            node.setAttribute("data-id", post.id);
            node.setAttribute("data-saved-copy", "");
            node.setAttribute("data-source", post.source || "");
            node.id = "saved-" + post.id;
            var link = node.querySelector("a[data-open]");
            link.textContent = post.title || post.url;
            // Only web links: a file someone imported could hold anything.
            if (/^https?:\/\//i.test(post.url || "")) { link.href = post.url; } else { link.href = "/post/" + encodeURIComponent(post.id); }
            node.querySelector("[data-field=source]").textContent = post.source || "";
            var time = node.querySelector("time");
            time.setAttribute("datetime", post.at || "");
            time.textContent = post.at ? localDate(Date.parse(post.at), false) : "";
            node.querySelector("[data-toggle-save]").setAttribute("aria-label", "Remove from saved: " + (post.title || post.url));
            list.appendChild(node);
            paintEntry(node);
        });
        var empty = document.querySelector("[data-saved-empty]");
        if (empty) { empty.hidden = saved.length > 0; }
    }

    function exportState() {
        var body = JSON.stringify({ format: "aifeed-reader-state", version: 1, exported: new Date().toISOString(), read: read, saved: saved }, null, 2);
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
        link.download = "aifeed-reader-state.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        say(saved.length + " saved and " + Object.keys(read).length + " read posts exported.");
    }

    function importState(file) {
        var reader = new FileReader();
        reader.onload = function () {
            var data;
            try { data = JSON.parse(String(reader.result)); } catch (e) { data = null; }
            if (!data || data.format !== "aifeed-reader-state" || typeof data.read !== "object" || !Array.isArray(data.saved)) {
                say("That file is not an AiFeed export; nothing was changed.");
                return;
            }
            var added = 0;
            data.saved.forEach(function (post) {
                if (post && typeof post.id === "string" && !isSaved(post.id)) {
                    saved.push({ id: post.id, title: String(post.title || ""), url: String(post.url || ""), source: String(post.source || ""), at: String(post.at || ""), savedAt: String(post.savedAt || "") });
                    added++;
                }
            });
            Object.keys(data.read).forEach(function (id) { if (typeof data.read[id] === "number") { read[id] = Math.max(read[id] || 0, data.read[id]); } });
            pruneRead();
            store(SAVED_KEY, saved);
            store(READ_KEY, read);
            renderSaved();
            say("Imported: " + added + " saved posts added, " + Object.keys(data.read).length + " read marks merged.");
        };
        reader.readAsText(file);
    }

    function say(text) {
        var message = document.querySelector("[data-state-message]");
        if (message) { message.textContent = text; }
    }

    function setupSavedPage() {
        var tools = document.querySelector("[data-state-tools]");
        if (!tools) { return; }
        tools.hidden = false;
        renderSaved();
        tools.querySelector("[data-export]").addEventListener("click", exportState);
        tools.querySelector("[data-import]").addEventListener("change", function (event) {
            if (event.target.files && event.target.files[0]) { importState(event.target.files[0]); }
            event.target.value = "";
        });
    }

    // ---- Dates in the reader's own zone. ----
    function localDate(ms, withTime) {
        var options = withTime
            ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }
            : { day: "numeric", month: "short", year: "numeric" };
        return new Intl.DateTimeFormat(undefined, options).format(new Date(ms));
    }

    function localDates() {
        document.querySelectorAll("time[datetime]").forEach(function (el) {
            var at = Date.parse(el.getAttribute("datetime"));
            if (isNaN(at)) { return; }
            el.setAttribute("title", localDate(at, true));
            // An old post's time shows its date: in the reader's zone it may be another day.
            if (el.hasAttribute("data-relative") && relative(at, Date.now()) === null) { el.textContent = localDate(at, false); }
        });
        document.querySelectorAll("[data-absolute]").forEach(function (el) {
            var at = Date.parse(el.getAttribute("data-absolute"));
            if (!isNaN(at)) { el.textContent = "(" + localDate(at, true) + ")"; }
        });
    }

    // ---- Selection and keyboard shortcuts. ----
    var selected = -1;
    var pendingG = false;

    function entries() { return Array.prototype.slice.call(document.querySelectorAll("[data-entry]")).filter(function (e) { return e.offsetParent !== null; }); }

    function select(index) {
        var list = entries();
        if (list.length === 0) { return; }
        index = Math.max(0, Math.min(list.length - 1, index));
        document.querySelectorAll("[data-entry].selected").forEach(function (e) { e.classList.remove("selected"); });
        selected = index;
        var entry = list[selected];
        entry.classList.add("selected");
        entry.focus({ preventScroll: true });
        entry.scrollIntoView({ block: "nearest" });
    }

    function current() {
        var list = entries();
        var entry = document.querySelector("[data-entry].selected");
        if (entry && list.indexOf(entry) >= 0) { selected = list.indexOf(entry); return entry; }
        return null;
    }

    function typing(target) {
        if (!target || !target.tagName) { return false; }
        var tag = target.tagName.toLowerCase();
        return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
    }

    function showShortcuts() {
        var title = document.getElementById("shortcuts-title");
        if (!title) { return; }
        title.scrollIntoView({ block: "center" });
        title.focus({ preventScroll: true });
    }

    function onKey(event) {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
        var entry = current();
        if (pendingG) {
            pendingG = false;
            if (event.key === "s") { window.location.href = "/saved"; event.preventDefault(); }
            return;
        }
        switch (event.key) {
            case "j":
                select(entry ? selected + 1 : 0);
                break;
            case "k":
                select(entry ? selected - 1 : 0);
                break;
            case "o":
                if (!entry) { return; }
                var link = entry.querySelector("a[data-open]");
                if (link) { setRead(entry, true); window.open(link.href, "_blank", "noopener,noreferrer"); }
                break;
            case "v":
                var here = entry && entry.querySelector("a.read-here");
                if (!here) { return; }
                setRead(entry, true);
                window.location.href = here.href;
                break;
            case "m":
                if (!entry) { return; }
                setRead(entry, !entry.classList.contains("read"));
                break;
            case "s":
                if (!entry) { return; }
                toggleSaved(entry);
                break;
            case "A":
                if (!document.querySelector("[data-reader-tools]")) { return; }
                markAllRead();
                break;
            case "h":
                if (!document.querySelector("[data-hide-read]")) { return; }
                hideRead(!document.body.classList.contains("hide-read"));
                break;
            case "g":
                pendingG = true;
                break;
            case "/":
                var search = document.getElementById("q");
                if (!search) { return; }
                search.focus();
                search.select();
                break;
            case "?":
                showShortcuts();
                break;
            default:
                return;
        }
        event.preventDefault();
    }

    document.addEventListener("DOMContentLoaded", function () {
        setupTheme();
        refreshDates();
        localDates();
        setupReadState();
        setupSavedPage();
        window.setInterval(refreshDates, 60000);
        document.addEventListener("keydown", onKey);
        document.addEventListener("click", function (event) {
            var target = event.target;
            var entry = target.closest && target.closest("[data-entry]");
            if (!entry) { return; }
            if (target.closest("[data-toggle-read]")) { setRead(entry, !entry.classList.contains("read")); return; }
            if (target.closest("[data-toggle-save]")) { toggleSaved(entry); return; }
            // Opening a post (on its site or here) reads it.
            if (target.closest("a[data-open], a.read-here")) { setRead(entry, true); }
            // A click on an entry makes it the current one, so j/k continue from there.
            document.querySelectorAll("[data-entry].selected").forEach(function (e) { if (e !== entry) { e.classList.remove("selected"); } });
            entry.classList.add("selected");
            selected = entries().indexOf(entry);
        });
    });
}());
