// AiFeed: runs a learner's Python in Pyodide, off the page's main thread. Loaded as a module worker
// by problem.js; Pyodide comes from this server (indexURL), never from a CDN. Messages:
//   in:  { id, indexURL, code, function, inputs: [ {arg: value, ...}, ... ] }
//   out: { id, type: "stdout", text } while running, then { id, type: "done", results } or { id, type: "error", message }
// Each result is { output: "<JSON text>" } or { error: "<traceback>" }; JSON text, not values, so that
// NaN and Infinity reach the grader as what Python produced.
let pyodide = null;
let run = null;
let current = 0;

const HARNESS = `
import json, traceback

def _aifeed_run(code, function, inputs_json):
    namespace = {"__name__": "__learner__"}
    try:
        exec(compile(code, "your_code.py", "exec"), namespace)
    except BaseException:
        return json.dumps({"fatal": traceback.format_exc(limit=-1)})
    target = namespace.get(function)
    if not callable(target):
        return json.dumps({"fatal": "your code defines no function " + function + "()"})
    results = []
    for case in json.loads(inputs_json):
        try:
            results.append({"output": json.dumps(target(**case))})
        except BaseException:
            results.append({"error": traceback.format_exc(limit=-2)})
    return json.dumps({"results": results})

_aifeed_run
`;

async function ready(indexURL) {
    if (run) { return run; }
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    pyodide = await loadPyodide({
        indexURL,
        stdout: (text) => self.postMessage({ id: current, type: "stdout", text }),
        stderr: (text) => self.postMessage({ id: current, type: "stdout", text }),
    });
    run = pyodide.runPython(HARNESS);
    return run;
}

self.onmessage = async (event) => {
    const message = event.data;
    current = message.id;
    try {
        const harness = await ready(message.indexURL);
        const answer = JSON.parse(harness(message.code, message.function, JSON.stringify(message.inputs)));
        if (answer.fatal) {
            self.postMessage({ id: message.id, type: "error", message: answer.fatal });
        } else {
            self.postMessage({ id: message.id, type: "done", results: answer.results });
        }
    } catch (error) {
        self.postMessage({ id: message.id, type: "error", message: String(error && error.message ? error.message : error) });
    }
};
