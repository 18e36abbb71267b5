using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Cli;

public sealed class HealthcheckCommandTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Healthcheck_ServerAnswers_ExitCodeFollowsStatus(int status, int exitCode)
    {
        // Arrange
        await using var server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Map("/healthz", context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });

        // Act
        var result = await AiFeedProcess.RunAsync(TestEnvironment.RepositoryRoot, TestContext.Current.CancellationToken, "healthcheck", "--url", server.Url("/healthz").AbsoluteUri);

        // Assert
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Healthcheck_NothingListening_ExitsOne()
    {
        // Arrange: a port that was just free.
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        // Act
        var result = await AiFeedProcess.RunAsync(TestEnvironment.RepositoryRoot, TestContext.Current.CancellationToken, "healthcheck", "--url", $"http://127.0.0.1:{port}/healthz");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not answer", result.Stderr, StringComparison.Ordinal);
    }
}
