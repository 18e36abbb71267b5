using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// POSTs each issue as JSON to the configured webhooks, signed as Standard Webhooks
/// (standardwebhooks.com) specify: webhook-id (the same for every try of one issue to one URL, so
/// a receiver can drop repeats), webhook-timestamp, and webhook-signature "v1,base64(HMAC-SHA256(
/// secret, id.timestamp.body))". Claimed per issue and URL like mail: a URL that answered 2xx is
/// not called again for that issue; one that failed is tried again by the next run.
/// </summary>
public sealed partial class IssueWebhooks(
    IHttpClientFactory clients,
    ISubscriberStore store,
    IOptionsMonitor<NewsletterOptions> options,
    TimeProvider time,
    ILogger<IssueWebhooks> logger)
{
    public const string ClientName = "newsletter-webhooks";

    public bool IsConfigured => options.CurrentValue.Webhooks.Count > 0;

    /// <summary>How many webhooks took the issue in this run.</summary>
    public async Task<int> NotifyAsync(FrozenIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var delivered = 0;
        using var client = clients.CreateClient(ClientName);
        foreach (var hook in options.CurrentValue.Webhooks)
        {
            var recipient = RecipientOf(hook.Url);
            if (!await store.TryClaimDeliveryAsync(issue.Date, recipient, time.GetUtcNow().UtcDateTime, IssueSender.MaxAttempts, cancellationToken))
            {
                continue;
            }

            var id = $"msg_{issue.Date}_v{issue.Version.ToString(CultureInfo.InvariantCulture)}_{recipient[8..]}";
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var body = Payload(issue);
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp);
            request.Headers.Add("webhook-signature", "v1," + Sign(hook.Secret, id, timestamp, body));
            string? failure;
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                failure = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.Message;
            }

            await store.CompleteDeliveryAsync(issue.Date, recipient, failure is null ? DeliveryState.Sent : DeliveryState.Failed, failure, time.GetUtcNow().UtcDateTime, CancellationToken.None);
            if (failure is null)
            {
                delivered++;
            }
            else
            {
                Log.Failed(logger, issue.Date, new Uri(hook.Url).Authority, failure);
            }
        }

        return delivered;
    }

    /// <summary>The signature Standard Webhooks receivers check: base64 HMAC-SHA256 over "id.timestamp.body".</summary>
    public static string Sign(string secret, string id, string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret[6..]) : Encoding.UTF8.GetBytes(secret);
        var signed = new byte[Encoding.UTF8.GetByteCount(id) + timestamp.Length + 2 + body.Length];
        var at = Encoding.UTF8.GetBytes($"{id}.{timestamp}.", signed);
        body.CopyTo(signed, at);
        return Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The delivery record's recipient for a URL: a hash, so the store holds no URL (they can carry tokens).</summary>
    private static string RecipientOf(string url) =>
        "webhook:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];

    private static byte[] Payload(FrozenIssue issue)
    {
        using var json = JsonDocument.Parse(issue.Json);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "newsletter.issue",
            date = issue.Date,
            version = issue.Version,
            subject = issue.Subject,
            issue = json.RootElement,
            html = issue.Html,
            text = issue.Text,
        }, NewsletterJson.Options);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 741, Level = LogLevel.Warning, Message = "Newsletter {IssueDate}: webhook at {WebhookHost} failed ({Reason}); the next run tries again")]
        public static partial void Failed(ILogger logger, string issueDate, string webhookHost, string reason);
    }
}
