using AiFeed.Learning;

namespace AiFeed.Pages;

/// <summary>/learn: the plan, with what is served today.</summary>
public sealed record LearnModel(StudyPlan Plan, DailyLearning? Today);

/// <summary>/problems: every problem of the plan, in rotation order.</summary>
public sealed record ProblemsModel(IReadOnlyList<Problem> Problems, DailyLearning? Today);

/// <summary>/learn/{slug}: a lesson, its neighbours in plan order and its practice problems.</summary>
public sealed record LessonModel(Lesson Lesson, Lesson? Previous, Lesson? Next, IReadOnlyList<Problem> Practice, bool ServedToday);

/// <summary>
/// /problems/{slug}. <see cref="PythonIndexUrl"/> is where the page's worker loads Pyodide from, or
/// null when this build has no Pyodide (npm was missing when it was built).
/// </summary>
public sealed record ProblemModel(Problem Problem, Lesson? Lesson, bool ServedToday, string? PythonIndexUrl, string WorkerUrl);
