using Microsoft.Extensions.Options;

namespace AiFeed.Learning;

/// <summary>
/// The daily rotation: from the launch date, one lesson a day in plan order and one problem a day
/// in the plan's problem order, each starting from its configured launch item and wrapping round.
/// </summary>
public sealed class StudyPlanService(LearningContentProvider contentProvider, IOptionsMonitor<LearningOptions> options, TimeProvider timeProvider)
{
    /// <summary>Today's date in the configured time zone.</summary>
    public DateOnly Today()
    {
        var now = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), options.CurrentValue.ResolveTimeZone());
        return DateOnly.FromDateTime(now.DateTime);
    }

    /// <summary>Today's lesson and problem; null when the plan has no lessons or no problems.</summary>
    public Task<DailyLearning?> TodayAsync(CancellationToken cancellationToken) => GetDayAsync(Today(), cancellationToken);

    /// <summary>The lesson and problem of a date (before launch too); null when the plan has no lessons or no problems.</summary>
    public async Task<DailyLearning?> GetDayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var content = await contentProvider.GetAsync(cancellationToken);
        var lessons = content.Plan.Lessons.ToList();
        var problems = content.Plan.Problems;
        if (lessons.Count == 0 || problems.Count == 0)
        {
            return null;
        }

        var current = options.CurrentValue;
        var day = date.DayNumber - current.LaunchDate.DayNumber;
        var lesson = lessons[Rotate(lessons.FindIndex(l => l.Slug == current.LaunchLesson), day, lessons.Count)];
        var problem = problems[Rotate(problems.ToList().FindIndex(p => p.Slug == current.LaunchProblem), day, problems.Count)];
        return new DailyLearning(
            date,
            new DailyLesson(lesson.Slug, lesson.Title, lesson.Chapter, lesson.Summary, lesson.PageUrl, lesson.ApiUrl),
            new DailyProblem(problem.Slug, problem.Title, problem.Difficulty, problem.Summary, problem.PageUrl, problem.ApiUrl));
    }

    // A launch item missing from the plan starts the rotation at the plan's first item.
    private static int Rotate(int start, int day, int count) => (((Math.Max(start, 0) + day) % count) + count) % count;
}
