using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiFeed.Publishing.Newsletter.Delivery;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>Issue webhooks: a signed JSON POST per issue and URL, once, retried by the next run when the receiver failed.</summary>
public sealed class NewsletterWebhookTests : NewsletterTests
{
    private const string Secret = "a-webhook-secret-for-tests";

    private readonly ConcurrentQueue<(IHeaderDictionary Headers, byte[] Body)> received = new();

    private int failuresLeft;

    [Fact]
    public async Task SendNow_RepeatedAndDailyRun_OneSignedPostWithTheIssue()
    {
        // Arrange
        LabsItems.Add(Post("labs", 1, LaunchMorning.AddHours(-2)));
        await using var run = StartWithHook();
        await run.PollAsync();

        // Act
        var report = await SendAsync(run);
        await SendAsync(run);
        await run.Services.GetRequiredService<IssueSender>().RunDailyAsync(Ct);

        // Assert
        Assert.Equal(1, report.GetProperty("webhooks").GetInt32());
        var (headers, body) = Assert.Single(received);
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray()));
        Assert.Equal("v1," + expected, headers["webhook-signature"].ToString());
        Assert.Equal("application/json; charset=utf-8", headers.ContentType.ToString());
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal("newsletter.issue", payload.GetProperty("type").GetString());
        Assert.Equal(LaunchSubject, payload.GetProperty("subject").GetString());
        Assert.Equal("2026-11-26", payload.GetProperty("issue").GetProperty("date").GetString());
        Assert.Contains("labs post 1", payload.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_FailsThenRecovers_NextRunDeliversWithTheSameWebhookId()
    {
        // Arrange: more failures than one run's tries.
        failuresLeft = 3;
        await using var run = StartWithHook();
        var first = await SendAsync(run);

        // Act
        var second = await SendAsync(run);

        // Assert
        Assert.Equal(0, first.GetProperty("webhooks").GetInt32());
        Assert.Equal(1, second.GetProperty("webhooks").GetInt32());
        Assert.Equal(4, received.Count);
        Assert.Single(received.Select(r => r.Headers["webhook-id"].ToString()).Distinct());
    }

    [Fact]
    public async Task Options_WebhookWithoutSecret_HostStartRefuses()
    {
        // Act
        var error = await AiFeedComposition.StartValidationErrorAsync(new Dictionary<string, string?> { ["Newsletter:Webhooks:0:Url"] = "https://hooks.example.com/x" });

        // Assert
        Assert.Contains("Webhooks:0:Secret", Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    private Running StartWithHook()
    {
        Server.Map("/hook", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            received.Enqueue((new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), buffer.ToArray()));
            context.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
        });
        return Start(LaunchMorning,
            ("Newsletter:Webhooks:0:Url", Server.Url("/hook").AbsoluteUri),
            ("Newsletter:Webhooks:0:Secret", Secret),
            ("Newsletter:WebhookRetryDelay", "00:00:00"));
    }

    private static async Task<JsonElement> SendAsync(Running run)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/newsletter/2026-11-26/send");
        request.Headers.Add("X-Api-Key", AiFeedApp.ApiKey);
        using var response = await run.Client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
