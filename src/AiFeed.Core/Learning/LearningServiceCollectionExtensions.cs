using AiFeed.Learning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFeed;

public static class LearningServiceCollectionExtensions
{
    /// <summary>Registers the study plan: options (section "Learning"), the content provider and the daily rotation.</summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LearningOptions>().BindConfiguration(LearningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LearningContentProvider>();
        services.AddSingleton<StudyPlanService>();
        return services;
    }
}
