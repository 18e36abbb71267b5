using AiFeed.Publishing.Newsletter;
using AiFeed.Publishing.Newsletter.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
        services.AddSingleton<NewsletterComposer>();
        services.AddSingleton<NewsletterService>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<IssueWebhooks>();
        services.AddSingleton<IssueSender>();
        services.AddHttpClient(IssueWebhooks.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("newsletter-webhooks", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<NewsletterOptions>>().Value;
                // Network retries and timeouts run on the wall clock: a test's fake clock must not freeze them.
                builder.TimeProvider = TimeProvider.System;
                builder.AddTimeout(TimeSpan.FromSeconds(60));
                // Retrying a POST is safe here: every try carries the same webhook-id.
                builder.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = options.WebhookRetryDelay, BackoffType = DelayBackoffType.Exponential, UseJitter = true });
                builder.AddTimeout(TimeSpan.FromSeconds(15));
            });
        return services;
    }
}
