namespace AiFeed.Learning;

/// <summary>The day's lesson, as a newsletter or the reader page shows it.</summary>
public sealed record DailyLesson(string Slug, string Title, string Chapter, string Introduction, string Url, string ApiUrl);

/// <summary>The day's problem, as a newsletter or the reader page shows it.</summary>
public sealed record DailyProblem(string Slug, string Title, Difficulty Difficulty, string Task, string Url, string ApiUrl);

/// <summary>What the study plan serves on one date.</summary>
public sealed record DailyLearning(DateOnly Date, DailyLesson Lesson, DailyProblem Problem);
