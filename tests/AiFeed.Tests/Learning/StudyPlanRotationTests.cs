using System.Globalization;
using System.Text;
using AiFeed.Learning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiFeed.Tests.Learning;

/// <summary>The daily rotation: a daily newsletter must not repeat a lesson or a problem within 60 days.</summary>
public sealed class StudyPlanRotationTests
{
    private const int Window = 60;
    private static readonly DateOnly Launch = new(2026, 11, 26);

    [Fact]
    public async Task Shipped_Plan_SixtyConsecutiveDaysFromLaunchRepeatNoLessonOrProblem()
    {
        // Arrange
        using var provider = Services(ContentFolder.ShippedPath);
        var plan = provider.GetRequiredService<StudyPlanService>();

        // Act
        var days = await DaysAsync(plan, Launch, Window);

        // Assert
        var content = ContentFolder.Shipped();
        Assert.Empty(content.Errors);
        Assert.Equal("positional-encodings", days[0].Lesson.Slug);
        Assert.Equal("binary-cross-entropy", days[0].Problem.Slug);
        AssertNoRepeat(days, $"the plan has {content.Plan.Lessons.Count()} lessons and {content.Plan.Problems.Count} problems");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    [InlineData(-400)]
    public async Task Rotation_PlanOfSixty_AnySixtyDayWindowRepeatsNothingAndDaySixtyWraps(int offset)
    {
        // Arrange
        using var folder = SyntheticPlan(lessons: 60, problems: 61);
        using var provider = Services(folder.Path, "lesson-17", "problem-60");
        var plan = provider.GetRequiredService<StudyPlanService>();
        var start = Launch.AddDays(offset);

        // Act
        var days = await DaysAsync(plan, start, Window + 1);

        // Assert
        Assert.Empty((await provider.GetRequiredService<LearningContentProvider>().GetAsync(TestContext.Current.CancellationToken)).Errors);
        AssertNoRepeat(days[..Window], "60 lessons, 61 problems");
        Assert.Equal(days[0].Lesson.Slug, days[Window].Lesson.Slug);
        Assert.NotEqual(days[0].Problem.Slug, days[Window].Problem.Slug);
    }

    [Fact]
    public async Task Rotation_LaunchDay_ServesTheLaunchItemsAndFollowsPlanOrder()
    {
        // Arrange
        using var folder = SyntheticPlan(lessons: 5, problems: 3);
        using var provider = Services(folder.Path, "lesson-03", "problem-02");
        var plan = provider.GetRequiredService<StudyPlanService>();

        // Act
        var days = await DaysAsync(plan, Launch.AddDays(-1), 4);

        // Assert: the day before launch is the item before; after the last item comes the first.
        Assert.Equal(["lesson-02", "lesson-03", "lesson-04", "lesson-00"], days.Select(d => d.Lesson.Slug));
        Assert.Equal(["problem-01", "problem-02", "problem-00", "problem-01"], days.Select(d => d.Problem.Slug));
    }

    [Fact]
    public async Task Rotation_PlanShorterThanTheWindow_RepeatsAfterItsLength()
    {
        // Arrange: what issue 23 found, a plan of 8 lessons repeats every eighth day.
        using var folder = SyntheticPlan(lessons: 8, problems: 7);
        using var provider = Services(folder.Path, "lesson-00", "problem-00");

        // Act
        var days = await DaysAsync(provider.GetRequiredService<StudyPlanService>(), Launch, 9);

        // Assert
        Assert.Equal(days[0].Lesson.Slug, days[8].Lesson.Slug);
        Assert.Equal(days[0].Problem.Slug, days[7].Problem.Slug);
        Assert.Equal(8, days[..8].Select(d => d.Lesson.Slug).Distinct().Count());
    }

    private static void AssertNoRepeat(List<DailyLearning> days, string what)
    {
        var lessons = days.GroupBy(d => d.Lesson.Slug).Where(g => g.Count() > 1).Select(g => $"{g.Key} on {string.Join(", ", g.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}").ToList();
        var problems = days.GroupBy(d => d.Problem.Slug).Where(g => g.Count() > 1).Select(g => $"{g.Key} on {string.Join(", ", g.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}").ToList();
        Assert.True(lessons.Count == 0, $"{what}; lessons repeat within {days.Count} days: {string.Join("; ", lessons.Take(3))}");
        Assert.True(problems.Count == 0, $"{what}; problems repeat within {days.Count} days: {string.Join("; ", problems.Take(3))}");
    }

    private static async Task<List<DailyLearning>> DaysAsync(StudyPlanService plan, DateOnly start, int count)
    {
        var days = new List<DailyLearning>();
        for (var i = 0; i < count; i++)
        {
            days.Add(await plan.GetDayAsync(start.AddDays(i), TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("no plan"));
        }

        return days;
    }

    private static ServiceProvider Services(string contentPath, string launchLesson = "positional-encodings", string launchProblem = "binary-cross-entropy")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Learning:ContentPath"] = contentPath,
            ["Learning:LaunchDate"] = Launch.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Learning:LaunchLesson"] = launchLesson,
            ["Learning:LaunchProblem"] = launchProblem,
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)))
            .AddLogging()
            .AddLearning()
            .BuildServiceProvider();
    }

    // A plan of numbered lessons in two chapters and numbered copies of the softmax problem.
    private static Infrastructure.TempDirectory SyntheticPlan(int lessons, int problems)
    {
        var folder = new Infrastructure.TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "lessons"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "problems"));
        var softmax = File.ReadAllText(Path.Combine(ContentFolder.ShippedPath, "problems", "softmax.md")).Replace("lesson: next-token-prediction\n", "", StringComparison.Ordinal);
        var plan = new StringBuilder("---\nslug: llm\ntitle: Synthetic\nsummary: A plan for the rotation tests.\nproblems:\n");
        for (var i = 0; i < problems; i++)
        {
            var slug = $"problem-{i:00}";
            File.WriteAllText(Path.Combine(folder.Path, "problems", slug + ".md"), softmax);
            plan.Append(CultureInfo.InvariantCulture, $"  - {slug}\n");
        }

        plan.Append("---\n\n## First\n\n");
        for (var i = 0; i < lessons; i++)
        {
            var slug = $"lesson-{i:00}";
            File.WriteAllText(Path.Combine(folder.Path, "lessons", slug + ".md"), $"---\ntitle: Lesson {i}\nsummary: Number {i}.\n---\n\nBody {i}.\n");
            plan.Append(i == lessons / 2 ? "\n## Second\n\n" : "").Append(CultureInfo.InvariantCulture, $"- {slug}\n");
        }

        File.WriteAllText(Path.Combine(folder.Path, "plan.md"), plan.ToString());
        return folder;
    }
}
