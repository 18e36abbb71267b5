using System.ComponentModel.DataAnnotations;

namespace AiFeed.Learning;

/// <summary>Where the study-plan content lives and how the daily rotation runs.</summary>
public sealed class LearningOptions : IValidatableObject
{
    public const string SectionName = "Learning";

    /// <summary>Folder with plan.md, lessons/ and problems/; empty means Content/learning beside the executable.</summary>
    public string? ContentPath { get; set; }

    /// <summary>The first day of the rotation: it serves <see cref="LaunchLesson"/> and <see cref="LaunchProblem"/>.</summary>
    public DateOnly LaunchDate { get; set; } = new(2026, 11, 26);

    /// <summary>The lesson of launch day; the rotation continues through the plan in order from it.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]{1,64}$")]
    public string LaunchLesson { get; set; } = "positional-encodings";

    /// <summary>The problem of launch day; the rotation continues through the plan's problem list from it.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]{1,64}$")]
    public string LaunchProblem { get; set; } = "binary-cross-entropy";

    /// <summary>The IANA or Windows time zone whose calendar day "today" is.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How many generated cases a test set holds beside the public examples.</summary>
    [Range(1, 50)]
    public int HiddenCases { get; set; } = 8;

    public string ResolveContentPath() =>
        string.IsNullOrWhiteSpace(ContentPath)
            ? Path.Combine(AppContext.BaseDirectory, "Content", "learning")
            : Path.GetFullPath(ContentPath);

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone", [nameof(TimeZone)]);
        }
    }
}
