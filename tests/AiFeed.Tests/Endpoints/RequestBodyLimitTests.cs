using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFeed.Endpoints;
using AiFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// POST /api/learning/problems/{slug}/submissions reads its body only for a known problem, at most
/// RequestLimits:MaxJsonBodyBytes of it, streaming; every body fault is a problem that names it.
/// </summary>
public sealed class RequestBodyLimitTests(RequestBodyLimitTests.Host host) : IClassFixture<RequestBodyLimitTests.Host>
{
    private const string Submissions = "/api/learning/problems/binary-cross-entropy/submissions";
    private const long Limit = 1024 * 1024;
    private const long Huge = 25L * 1024 * 1024;

    private readonly HttpClient client = host.Client;

    [Fact]
    public async Task Submit_UnknownSlugWithHugeBody_404WithoutReadingTheBody()
    {
        // Arrange
        using var body = new GeneratedSubmission(Huge);

        // Act
        using var response = await host.PostAsync("/api/learning/problems/no-such-problem/submissions", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no problem has the slug 'no-such-problem'", problem.GetProperty("detail").GetString());
        Assert.Equal(0, host.BytesRead);
    }

    [Fact]
    public async Task Submit_HugeBodyWithoutLength_413ProblemAndReadingStopsAtTheLimit()
    {
        // Arrange: 25 MB, chunked, so the size shows only while reading.
        using var body = new GeneratedSubmission(Huge);

        // Act
        using var response = await host.PostAsync(Submissions, body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert: at most one chunk past the limit was read, not the 25 MB (the test server may
        // announce the length it buffered, and then nothing is read at all).
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("the body is larger than the 1 MB this endpoint reads", problem.GetProperty("detail").GetString());
        Assert.InRange(host.BytesRead, 0, Limit + (64 * 1024));
    }

    [Fact]
    public async Task ReadAsync_StreamWithoutLength_StopsOneBytePastTheLimit()
    {
        // Arrange: 4 MB of "[0.5,0.5,…" that announces no length.
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        long read = 0;
        var endless = new MemoryStream(Encoding.ASCII.GetBytes("[" + string.Concat(Enumerable.Repeat("0.5,", 1024 * 1024))));
        context.Request.Body = new CountingStream(endless, n => read += n);

        // Act
        var (body, problem) = await JsonBody.ReadAsync(context.Request, Limit, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(body.IsEmpty);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem!.StatusCode);
        Assert.Equal(Limit + 1, read);
    }

    [Fact]
    public async Task Submit_ContentLengthOverLimit_413WithoutReading()
    {
        // Arrange
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"seed\":1,\"answers\":[" + string.Join(',', Enumerable.Repeat("0.5", 300_000)) + "]}"));
        body.Headers.ContentType = new("application/json");

        // Act
        using var response = await host.PostAsync(Submissions, body);

        // Assert
        Assert.True(body.Headers.ContentLength > Limit);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, host.BytesRead);
    }

    [Theory]
    [InlineData("{\"seed\": 1, \"answers\": [0.5, }", "the body is not valid JSON at line 1, column 30")]
    [InlineData("{\"seed\": 1, \"answers\": [0.5", "the body is not valid JSON at line 1, column")]
    [InlineData("seed=1", "the body is not valid JSON at line 1, column 1")]
    [InlineData("", "the body is empty")]
    public async Task Submit_EmptyOrMalformedJson_400NamingTheFault(string text, string detail)
    {
        // Act
        using var response = await client.PostAsync(Submissions, new StringContent(text, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NotJson_415Problem()
    {
        // Act
        using var response = await client.PostAsync(Submissions, new StringContent("seed=1", Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_RouteValueThatDoesNotBind_400ProblemNamingTheParameter()
    {
        // Act
        using var response = await client.GetAsync("/api/learning/problems/binary-cross-entropy/hints/first", TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Failed to bind parameter \"int number\" from \"first\".", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BadRequest_ThrownByBinding_NotLoggedAsAnError()
    {
        // Arrange: a bad request is the client's fault; an error log line for it would be noise.
        var logs = new LogCapture();
        await using var app = new AiFeedApp();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var http = logged.CreateClient();

        // Act
        using var response = await http.GetAsync("/api/learning/problems/binary-cross-entropy/hints/first", TestContext.Current.CancellationToken);
        using var malformed = await http.PostAsync(Submissions, new StringContent("{", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Submit_BodyWithinLimit_Graded()
    {
        // Arrange
        var tests = await client.GetFromJsonAsync<JsonElement>("/api/learning/problems/binary-cross-entropy/tests?seed=7", TestContext.Current.CancellationToken);
        var answers = tests.GetProperty("cases").EnumerateArray().Select(_ => 0.0).ToArray();

        // Act
        using var response = await client.PostAsJsonAsync(Submissions, new { seed = 7, answers }, TestContext.Current.CancellationToken);
        var verdict = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answers.Length, verdict.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Limit_EveryProblemsFullPrecisionAnswersAtItsLimits_FitWithRoomToSpare()
    {
        // Arrange: what a learner's program sends, compact, for the cases of a few seeds (the last
        // case of each is at the problem's stated limits).
        var largest = (Size: 0L, Problem: string.Empty);
        foreach (var problem in Learning.ContentFolder.Shipped().Problems.Values)
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                var cases = AiFeed.Learning.TestSetGenerator.Generate(problem, seed, new AiFeed.Learning.LearningOptions().HiddenCases).Cases;
                var body = JsonSerializer.Serialize(new { seed, answers = new System.Text.Json.Nodes.JsonArray([.. cases.Select(c => c.Expected.ToJson())]) });
                largest = body.Length > largest.Size ? (body.Length, problem.Slug) : largest;
            }
        }

        // Assert: pretty-printed answers still fit.
        Assert.True(largest.Size * 3 / 2 < new RequestLimitOptions().MaxJsonBodyBytes, $"{largest.Problem}: {largest.Size} bytes of answers");
    }

    /// <summary>
    /// One app for the class (tests in a class run one at a time), whose requests' bodies count what
    /// the application read of them: the in-process test server takes the client's whole body either
    /// way, so what counts is what AiFeed pulled.
    /// </summary>
    public sealed class Host : IAsyncDisposable
    {
        private readonly AiFeedApp app = new();
        private readonly WebApplicationFactory<Program> counted;
        private readonly BodyCounter counter = new();

        public Host()
        {
            counted = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(counter)));
            Client = counted.CreateClient();
        }

        public HttpClient Client { get; }

        /// <summary>Bytes the application read of the last request's body.</summary>
        public long BytesRead => counter.Last;

        public Task<HttpResponseMessage> PostAsync(string path, HttpContent body)
        {
            counter.Reset();
            return Client.PostAsync(path, body, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await counted.DisposeAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class BodyCounter : IStartupFilter
    {
        private long last;

        public long Last => Interlocked.Read(ref last);

        public void Reset() => Interlocked.Exchange(ref last, 0);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Request.Body = new CountingStream(context.Request.Body, read => Interlocked.Add(ref last, read));
                return following(context);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            counted(read);
            return read;
        }
    }
}
