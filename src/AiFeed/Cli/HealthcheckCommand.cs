namespace AiFeed.Cli;

/// <summary>
/// aifeed healthcheck: GET /healthz of a running instance; exit 0 when it answers 200, else 1.
/// The container HEALTHCHECK uses it, since the ASP.NET runtime image has no curl or wget.
/// </summary>
internal static class HealthcheckCommand
{
    public const string DefaultUrl = "http://localhost:8080/healthz";

    public static async Task<int> RunAsync(CommandLineArguments args)
    {
        var text = args["--url"] ?? DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CommandLineException($"--url: '{text}' is not an absolute http(s) URL");
        }

        var services = new ServiceCollection();
        services.AddHttpClient("healthcheck", client => client.Timeout = TimeSpan.FromSeconds(5));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("healthcheck");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await client.GetAsync(url, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"{url}: {(int)response.StatusCode}");
                return 0;
            }

            await Console.Error.WriteLineAsync($"aifeed: {url} answered {(int)response.StatusCode}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"aifeed: {url} did not answer: {ex.Message}");
            return 1;
        }
    }
}
