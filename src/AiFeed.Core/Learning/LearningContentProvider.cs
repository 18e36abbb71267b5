using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Learning;

/// <summary>Loads the content folder once, on first use, and logs every file that could not be loaded.</summary>
public sealed partial class LearningContentProvider(IOptions<LearningOptions> options, ILogger<LearningContentProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LearningContent? _content;

    public async Task<LearningContent> GetAsync(CancellationToken cancellationToken)
    {
        if (_content is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_content is null)
            {
                var root = options.Value.ResolveContentPath();
                var content = CheckLaunchItems(await LearningContentLoader.LoadAsync(root, cancellationToken), options.Value);
                Log.ContentLoaded(logger, root, content.Lessons.Count, content.Problems.Count, content.Errors.Count);
                foreach (var error in content.Errors)
                {
                    Log.ContentError(logger, Path.Combine(root, error.Path), error.Line, error.Message);
                }

                _content = content;
            }

            return _content;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // A launch item the plan does not hold is a configuration mistake worth showing beside the
    // content errors; the rotation then starts at the plan's first item.
    private static LearningContent CheckLaunchItems(LearningContent content, LearningOptions options)
    {
        var errors = content.Errors.ToList();
        if (!content.Plan.Lessons.Any(l => l.Slug == options.LaunchLesson))
        {
            errors.Add(new ContentError(LearningContentLoader.PlanFile, 1, $"Learning:LaunchLesson '{options.LaunchLesson}' is not a lesson of the plan; the rotation starts at its first lesson"));
        }

        if (!content.Plan.Problems.Any(p => p.Slug == options.LaunchProblem))
        {
            errors.Add(new ContentError(LearningContentLoader.PlanFile, 1, $"Learning:LaunchProblem '{options.LaunchProblem}' is not a problem of the plan; the rotation starts at its first problem"));
        }

        return content with { Errors = errors };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Loaded learning content from {ContentPath}: {LessonCount} lessons, {ProblemCount} problems, {ErrorCount} errors")]
        public static partial void ContentLoaded(ILogger logger, string contentPath, int lessonCount, int problemCount, int errorCount);

        [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "{File}:{Line}: {Error}")]
        public static partial void ContentError(ILogger logger, string file, int line, string error);
    }
}
