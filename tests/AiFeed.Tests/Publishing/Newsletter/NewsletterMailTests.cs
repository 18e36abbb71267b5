using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFeed.Publishing.Newsletter.Delivery;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>
/// Base of the tests that mail: a real SMTP server on loopback (SmtpServer) beside the feeds, an
/// AiFeed pointed at it, and the steps a subscriber takes (sign up, follow the mailed link, confirm).
/// </summary>
public abstract class NewsletterMailTests : NewsletterTests
{
    protected const string Site = "https://news.example.com/";

    protected LoopbackSmtpServer Smtp { get; private set; } = null!;

    protected override async ValueTask StartedAsync() => Smtp = await LoopbackSmtpServer.StartAsync();

    protected override async ValueTask StoppingAsync() => await Smtp.DisposeAsync();

    /// <summary>An app that mails through <see cref="Smtp"/>, with links on <see cref="Site"/>.</summary>
    protected Running StartWithMail(DateTimeOffset now, params (string Key, string Value)[] settings) =>
        Start(now, [.. Smtp.Settings.Select(s => (s.Key, s.Value!)), ("Newsletter:SiteUrl", Site), .. settings]);

    protected static Task<HttpResponseMessage> SubscribeAsync(Running run, string email) =>
        run.Client.PostAsJsonAsync("/api/newsletter/subscriptions", new { email }, Ct);

    /// <summary>Signs up, takes the token from the confirmation mail and presses the confirm button.</summary>
    protected async Task SubscribeAndConfirmAsync(Running run, string email)
    {
        using var subscribed = await SubscribeAsync(run, email);
        Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        var token = TokenIn(Smtp.To(email)[^1], "confirm");
        using var confirmed = await PostFormAsync(run, "/newsletter/confirm", ("token", token));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    protected static async Task<HttpResponseMessage> PostFormAsync(Running run, string path, params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await run.Client.PostAsync(path, form, Ct);
    }

    protected static async Task<HttpResponseMessage> AdminAsync(Running run, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);
        return await run.Client.SendAsync(request, Ct);
    }

    protected static async Task<JsonElement> SendNowAsync(Running run, string date)
    {
        using var response = await AdminAsync(run, HttpMethod.Post, $"/api/admin/newsletter/{date}/send");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    protected static async Task<string[]> SubscriberStatesAsync(Running run)
    {
        using var response = await AdminAsync(run, HttpMethod.Get, "/api/admin/newsletter/subscribers");
        var list = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. list.GetProperty("items").EnumerateArray().Select(s => $"{s.GetProperty("email").GetString()} {s.GetProperty("status").GetString()}")];
    }

    /// <summary>What the daily job runs (compose when due, send, purge expired sign-ups).</summary>
    protected static Task<SendReport?> RunDailyAsync(Running run) => run.Services.GetRequiredService<IssueSender>().RunDailyAsync(Ct);

    /// <summary>The token of the <paramref name="page"/> link (confirm, unsubscribe) in a mail's text part.</summary>
    protected static string TokenIn(MimeMessage message, string page)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(Site + "newsletter/" + page + "?token=") + @"(\S+)");
        Assert.True(match.Success, $"no {page} link in:\n{message.TextBody}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }
}
