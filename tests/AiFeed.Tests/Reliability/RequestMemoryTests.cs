using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Reliability;

/// <summary>
/// The built service, as a process on a loopback port, takes oversized request bodies without
/// growing: four concurrent 25 MB submissions once took it from 117 MB to 5.2 GB.
/// </summary>
public sealed class RequestMemoryTests : IDisposable
{
    private const long Huge = 25L * 1024 * 1024;

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Submit_FourConcurrent25MbBodies_ServerPeakMemoryStaysBounded()
    {
        // Arrange
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the server's peak memory is read from /proc");
        var ct = TestContext.Current.CancellationToken;
        var feeds = CatalogFile.Write(folder.File("feeds.json"), []);
        using var server = AiFeedProcess.Start(
            folder.Path, "--feeds", feeds, "--data", folder.File("data"), "--urls", "http://127.0.0.1:0", "--Polling:Enabled=false", "--Newsletter:Enabled=false");
        try
        {
            using var client = new HttpClient { BaseAddress = await ListeningAsync(server, ct), Timeout = TimeSpan.FromMinutes(2) };
            await WarmUpAsync(client, ct);
            var before = Kilobytes(server, "VmRSS");

            // Act
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SubmitAsync(client, ct)));
            var peak = Kilobytes(server, "VmHWM");
            using var health = await client.GetAsync("/healthz", ct);

            // Assert: each body was refused (a 413, or the connection closed on the rest of it),
            // and the server never held much more than before.
            TestContext.Current.TestOutputHelper?.WriteLine($"RSS before {before / 1024} MB, peak {peak / 1024} MB; outcomes: {string.Join(", ", outcomes)}");
            Assert.All(outcomes, o => Assert.True(o is "413" or "closed", o));
            Assert.True(peak - before < 100 * 1024, $"peak RSS {peak / 1024} MB, {(peak - before) / 1024} MB above the {before / 1024} MB before the submissions");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    // Kestrel logs where it listens ("Now listening on: http://127.0.0.1:40123").
    private static async Task<Uri> ListeningAsync(Process server, CancellationToken cancellationToken)
    {
        while (await server.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = server.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                _ = server.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(line[(at + "Now listening on: ".Length)..].Trim());
            }
        }

        throw new InvalidOperationException($"the server exited ({server.ExitCode}) before listening: {await server.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    // A graded submission and the pages around it, so first-use costs are behind the measurement.
    private static async Task WarmUpAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var tests = await client.GetFromJsonAsync<JsonElement>("/api/learning/problems/binary-cross-entropy/tests?seed=3", cancellationToken);
        var answers = tests.GetProperty("cases").EnumerateArray().Select(_ => 0.0).ToArray();
        using var graded = await client.PostAsJsonAsync("/api/learning/problems/binary-cross-entropy/submissions", new { seed = 3, answers }, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, graded.StatusCode);
        using var small = new StringContent("{\"seed\":3,\"answers\":[" + string.Join(',', Enumerable.Repeat("0.5", 300_000)) + "]}", Encoding.UTF8, "application/json");
        using var refused = await client.PostAsync("/api/learning/problems/binary-cross-entropy/submissions", small, cancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }

    private static async Task<string> SubmitAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.PostAsync("/api/learning/problems/binary-cross-entropy/submissions", new GeneratedSubmission(Huge), cancellationToken);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "closed";
        }
    }

    private static long Kilobytes(Process process, string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}
