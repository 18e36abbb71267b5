namespace AiFeed.Learning;

/// <summary>
/// Loads plan.md, lessons/*.md and problems/*.md from a content folder. A file that fails is left
/// out and reported with its path and line; the rest load.
/// </summary>
public static class LearningContentLoader
{
    public const string PlanFile = "plan.md";

    public static async Task<LearningContent> LoadAsync(string root, CancellationToken cancellationToken)
    {
        var errors = new List<ContentError>();
        var lessons = await LoadFolderAsync(root, "lessons", LessonParser.Parse, l => l.Slug, l => l.SourcePath, errors, cancellationToken);
        var problems = await LoadFolderAsync(root, "problems", ProblemParser.Parse, p => p.Slug, p => p.SourcePath, errors, cancellationToken);
        foreach (var problem in problems.Values.Where(p => p.LessonSlug is { } l && !lessons.ContainsKey(l)))
        {
            errors.Add(new ContentError(problem.SourcePath, 1, $"lesson '{problem.LessonSlug}' does not exist"));
        }

        var plan = StudyPlan.Empty;
        var planPath = Path.Combine(root, PlanFile);
        if (!File.Exists(planPath))
        {
            errors.Add(new ContentError(PlanFile, 1, $"the plan file is missing from {root}"));
        }
        else
        {
            try
            {
                var text = await File.ReadAllTextAsync(planPath, cancellationToken);
                plan = PlanParser.Parse(text, PlanFile, lessons, problems, errors);
            }
            catch (ContentException ex)
            {
                errors.Add(new ContentError(PlanFile, ex.Line, ex.Message));
            }
        }

        // Lessons carry their chapter from the plan; ones the plan leaves out still get a page.
        var planned = plan.Lessons.ToDictionary(l => l.Slug, StringComparer.Ordinal);
        foreach (var lesson in lessons.Values.Where(l => !planned.ContainsKey(l.Slug)))
        {
            errors.Add(new ContentError(lesson.SourcePath, 1, $"lesson '{lesson.Slug}' is not listed in {PlanFile}"));
        }

        foreach (var problem in problems.Values.Where(p => !plan.Problems.Contains(p)))
        {
            errors.Add(new ContentError(problem.SourcePath, 1, $"problem '{problem.Slug}' is not listed under 'problems:' in {PlanFile}"));
        }

        var allLessons = plan.Lessons.Concat(lessons.Values.Where(l => !planned.ContainsKey(l.Slug)))
            .ToDictionary(l => l.Slug, StringComparer.Ordinal);
        return new LearningContent(plan, allLessons, problems, errors);
    }

    private static async Task<Dictionary<string, T>> LoadFolderAsync<T>(
        string root,
        string folder,
        Func<string, string, T> parse,
        Func<T, string> slugOf,
        Func<T, string> pathOf,
        List<ContentError> errors,
        CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, T>(StringComparer.Ordinal);
        var directory = Path.Combine(root, folder);
        if (!Directory.Exists(directory))
        {
            errors.Add(new ContentError(folder, 1, $"the folder is missing from {root}"));
            return loaded;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            try
            {
                var item = parse(await File.ReadAllTextAsync(file, cancellationToken), relative);
                if (!loaded.TryAdd(slugOf(item), item))
                {
                    errors.Add(new ContentError(relative, 1, $"the slug '{slugOf(item)}' is taken by {pathOf(loaded[slugOf(item)])}"));
                }
            }
            catch (ContentException ex)
            {
                errors.Add(new ContentError(relative, ex.Line, ex.Message));
            }
        }

        return loaded;
    }
}
