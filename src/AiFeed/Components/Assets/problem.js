// AiFeed problem page: fetch a seeded test set, run the learner's Python on it in a Web Worker
// (Pyodide, served by AiFeed), show expected vs got, and submit the outputs for grading. Only
// numbers go to the server; the code never does. Without script the page still reads fully.
(function () {
    "use strict";
    var section = document.getElementById("attempt-section");
    if (!section) { return; }
    var api = section.dataset.api;
    var fn = section.dataset.function;
    var workerUrl = section.dataset.worker;
    var indexURL = section.dataset.index;
    var seedInput = document.getElementById("seed");
    var casesBox = document.getElementById("cases");
    var verdictBox = document.getElementById("verdict");
    var resultsBox = document.getElementById("run-results");
    var statusBox = document.getElementById("python-status");
    var outputBox = document.getElementById("python-output");
    var stopButton = document.getElementById("stop");
    var runButtons = [document.getElementById("run-public"), document.getElementById("run-submit")];
    var set = null;
    var worker = null;
    var pending = null;
    var nextId = 1;

    function el(tag, text, cls) {
        var e = document.createElement(tag);
        if (text !== undefined && text !== null) { e.textContent = text; }
        if (cls) { e.className = cls; }
        return e;
    }

    function shorten(text, max) {
        return text.length <= max ? text : text.slice(0, max) + "… (" + text.length.toLocaleString("en") + " characters)";
    }

    // The seed box and the inputs stay consistent: once the seed is edited, the inputs fetched for
    // the old seed are dropped, and the next run or submission fetches the ones for the new seed.
    seedInput.addEventListener("input", function () {
        if (set && seedInput.value.trim() !== String(set.seed)) {
            set = null;
            casesBox.textContent = "(the seed changed: your inputs will be fetched for seed " + (seedInput.value.trim() || "(fresh)") + ")";
            resultsBox.replaceChildren();
        }
    });

    function problemMessages(body) {
        if (body && body.errors) {
            return Object.keys(body.errors).map(function (key) { return key + ": " + body.errors[key].join(" "); });
        }
        return [(body && (body.detail || body.title)) || "the server could not answer"];
    }

    function showProblem(box, body) {
        box.replaceChildren();
        problemMessages(body).forEach(function (m) { box.append(el("p", m, "fail")); });
    }

    async function fetchSet() {
        var given = seedInput.value.trim();
        var response = await fetch(api + "/tests" + (given ? "?seed=" + encodeURIComponent(given) : ""), { headers: { Accept: "application/json" } });
        var body = await response.json();
        if (!response.ok) {
            var error = new Error(problemMessages(body).join("; "));
            error.problem = body;
            throw error;
        }
        set = body;
        seedInput.value = String(body.seed);
        casesBox.replaceChildren();
        body.cases.forEach(function (c) {
            var line = c.id + ": " + shorten(JSON.stringify(c.input), 400) + (c.public ? "  → " + JSON.stringify(c.expected) : "");
            casesBox.append(document.createTextNode(line + "\n"));
        });
        var link = el("a", "all inputs of seed " + body.seed + " as JSON");
        link.href = api + "/tests?seed=" + body.seed;
        casesBox.append(document.createTextNode("Download: "), link);
        return body;
    }

    function currentSet() {
        if (set && seedInput.value.trim() === String(set.seed)) { return Promise.resolve(set); }
        return fetchSet();
    }

    function startWorker() {
        if (worker) { return worker; }
        worker = new Worker(workerUrl, { type: "module" });
        worker.onmessage = function (event) {
            var message = event.data;
            if (!pending || message.id !== pending.id) { return; }
            if (message.type === "stdout") {
                outputBox.hidden = false;
                outputBox.textContent += message.text + "\n";
                return;
            }
            var done = pending;
            pending = null;
            if (message.type === "done") { done.resolve(message.results); } else { done.reject(new Error(message.message)); }
        };
        worker.onerror = function (event) {
            if (pending) { pending.reject(new Error(event.message || "Python could not start")); pending = null; }
            worker = null;
        };
        return worker;
    }

    function runPython(inputs) {
        var code = document.getElementById("code").value;
        return new Promise(function (resolve, reject) {
            pending = { id: nextId++, resolve: resolve, reject: reject };
            startWorker().postMessage({ id: pending.id, indexURL: indexURL, code: code, function: fn, inputs: inputs });
        });
    }

    stopButton.addEventListener("click", function () {
        if (worker) { worker.terminate(); worker = null; }
        if (pending) { pending.reject(new Error("stopped; Python restarts on the next run")); pending = null; }
    });

    // The grader's rule (Grader.Tolerance): half a unit of the last decimal plus 8 float32 ulps.
    function close(expected, got, precision, margin) {
        if (Array.isArray(expected) !== Array.isArray(got)) { return false; }
        if (Array.isArray(expected)) {
            return expected.length === got.length && expected.every(function (e, i) { return close(e, got[i], precision, margin); });
        }
        return typeof got === "number" && Math.abs(got - expected) <= 0.5 * Math.pow(10, -precision) + margin * Math.max(1, Math.abs(expected));
    }

    function accepted(testCase, got) {
        return [testCase.exact].concat(testCase.alsoAccepted || []).some(function (e) { return close(e, got, set.precision, set.float32Margin); });
    }

    function renderRun(cases, results) {
        var table = el("table", null, "run-table");
        var head = el("tr");
        ["Case", "Expected", "Got", ""].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.append(th); });
        var thead = el("thead");
        thead.append(head);
        table.append(thead);
        var body = el("tbody");
        var ok = 0;
        cases.forEach(function (c, i) {
            var r = results[i];
            var row = el("tr");
            row.append(el("th", c.id));
            row.lastChild.scope = "row";
            row.append(el("td", c.public ? JSON.stringify(c.expected) : "hidden until you submit"));
            var got = null;
            if (r.error) {
                row.append(el("td", r.error, "traceback"));
            } else {
                row.append(el("td", shorten(r.output, 200)));
                try { got = JSON.parse(r.output); } catch (e) { got = null; }
            }
            var verdict = r.error ? "error" : !c.public ? "ran" : got !== null && accepted(c, got) ? "matches" : "differs";
            if (verdict === "matches" || verdict === "ran") { ok++; }
            row.append(el("td", verdict, verdict === "matches" ? "pass" : verdict === "ran" ? "" : "fail"));
            body.append(row);
        });
        table.append(body);
        resultsBox.replaceChildren(el("p", ok + " of " + cases.length + " cases ran" + (cases.every(function (c) { return c.public; }) ? " and match" : ""), ok === cases.length ? "pass" : "fail"), table);
    }

    function busy(on) {
        runButtons.forEach(function (b) { b.disabled = on; });
        stopButton.hidden = !on;
    }

    async function run(all) {
        busy(true);
        verdictBox.replaceChildren();
        outputBox.textContent = "";
        outputBox.hidden = true;
        try {
            var s = await currentSet();
            var cases = all ? s.cases : s.cases.filter(function (c) { return c.public; });
            statusBox.textContent = worker ? "Running your Python…" : "Loading Python (about 12 MB the first time), then running your code…";
            var results = await runPython(cases.map(function (c) { return c.input; }));
            statusBox.textContent = "Python ran " + cases.length + " cases in your browser.";
            renderRun(cases, results);
            if (all) {
                var failed = results.filter(function (r) { return r.error; }).length;
                if (failed > 0) {
                    verdictBox.replaceChildren(el("p", failed + " case(s) raised an error; fix them before submitting.", "fail"));
                    return;
                }
                await submit(s, "[" + results.map(function (r) { return r.output; }).join(",") + "]");
            }
        } catch (error) {
            if (error.problem) { showProblem(verdictBox, error.problem); }
            else { statusBox.textContent = "Python stopped: " + error.message; }
        } finally {
            busy(false);
        }
    }

    // answersText goes into the body as written, so 1e400 or NaN reach the grader, which names them.
    async function submit(s, answersText) {
        var response = await fetch(api + "/submissions", {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: "{\"seed\": " + s.seed + ", \"answers\": " + answersText + "}",
        });
        var body = await response.json();
        if (!response.ok) { showProblem(verdictBox, body); return; }
        verdictBox.replaceChildren(el("p", "Seed " + body.seed + ": " + body.passed + " of " + body.total + " cases pass", body.allPassed ? "pass" : "fail"));
        var list = el("ul");
        body.cases.forEach(function (c) {
            list.append(el("li", c.id + ": " + (c.passed ? "pass" : "fail") + (c.message ? " — " + c.message : ""), c.passed ? "pass" : "fail"));
        });
        verdictBox.append(list);
    }

    document.getElementById("tests-form").addEventListener("submit", function (event) {
        event.preventDefault();
        fetchSet().catch(function (error) { showProblem(verdictBox, error.problem || { detail: error.message }); });
    });

    document.getElementById("submit-form").addEventListener("submit", function (event) {
        event.preventDefault();
        verdictBox.replaceChildren();
        var text = document.getElementById("answers").value.trim();
        if (!set || seedInput.value.trim() !== String(set.seed)) {
            verdictBox.append(el("p", "Fetch your test inputs for this seed first, then compute the answers from them.", "fail"));
            return;
        }
        submit(set, text.length ? text : "[]").catch(function (error) { verdictBox.append(el("p", error.message, "fail")); });
    });

    if (workerUrl) {
        runButtons[0].addEventListener("click", function () { run(false); });
        runButtons[1].addEventListener("click", function () { run(true); });
    }
}());
