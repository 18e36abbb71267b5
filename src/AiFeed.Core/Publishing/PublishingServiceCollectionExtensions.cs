using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Publishing;

public static class PublishingServiceCollectionExtensions
{
    /// <summary>Registers ranking (Ranking options, <see cref="TopPostsService"/>, also as the reader's <see cref="ITopStories"/>).</summary>
    public static IServiceCollection AddRanking(this IServiceCollection services)
    {
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TopPostsService>();
        services.AddSingleton<ITopStories>(sp => sp.GetRequiredService<TopPostsService>());
        return services;
    }
}
