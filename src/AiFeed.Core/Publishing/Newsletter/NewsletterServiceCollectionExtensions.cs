using AiFeed.Publishing.Newsletter;
using AiFeed.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFeed;

public static class NewsletterServiceCollectionExtensions
{
    /// <summary>Registers the daily newsletter: options (section "Newsletter"), its store, composer and service. Needs AddAiFeedCore (its ranking, ITopStories) and AddLearning.</summary>
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<INewsletterStore, LiteDbNewsletterStore>();
        services.AddSingleton<NewsletterComposer>();
        services.AddSingleton<NewsletterService>();
        return services;
    }
}
