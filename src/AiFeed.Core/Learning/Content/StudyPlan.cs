namespace AiFeed.Learning;

public sealed record Chapter(string Title, string Summary, IReadOnlyList<Lesson> Lessons);

/// <summary>The ordered plan: chapters of lessons, and the order problems rotate in.</summary>
public sealed record StudyPlan(string Slug, string Title, string Summary, IReadOnlyList<Chapter> Chapters, IReadOnlyList<Problem> Problems)
{
    public static StudyPlan Empty { get; } = new("llm", "LLM", "", [], []);

    public IEnumerable<Lesson> Lessons => Chapters.SelectMany(c => c.Lessons);
}

/// <summary>Everything loaded from the content folder, with what could not be loaded.</summary>
public sealed record LearningContent(
    StudyPlan Plan,
    IReadOnlyDictionary<string, Lesson> Lessons,
    IReadOnlyDictionary<string, Problem> Problems,
    IReadOnlyList<ContentError> Errors);
