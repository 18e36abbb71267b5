using AiFeed.Publishing.Newsletter;
using AiFeed.Publishing.Newsletter.Delivery;
using AiFeed.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFeed;

public static class NewsletterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the daily newsletter: options (sections "Newsletter" and "Smtp"), its stores, composer
    /// and service, subscriptions and sending. Needs AddAiFeedCore (its ranking, ITopStories) and AddLearning.
    /// </summary>
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NewsletterOptions>().BindConfiguration(NewsletterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<INewsletterStore, LiteDbNewsletterStore>();
        services.TryAddSingleton<ISubscriberStore, LiteDbSubscriberStore>();
        services.AddSingleton<NewsletterComposer>();
        services.AddSingleton<NewsletterService>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<IssueSender>();
        return services;
    }
}
