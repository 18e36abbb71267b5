using System.CommandLine;

namespace AiFeed.Cli;

/// <summary>
/// aifeed healthcheck: GET /healthz of a running instance; exit 0 when it answers 200, else 1.
/// The container HEALTHCHECK uses it, since the ASP.NET runtime image has no curl or wget.
/// </summary>
internal static class HealthcheckCommand
{
    public const string DefaultUrl = "http://localhost:8080/healthz";

    public static Command Create()
    {
        var command = new Command("healthcheck", "Ask a running AiFeed whether it is ready (GET /healthz); exit 0 when it answers 200 (the container's HEALTHCHECK).");
        var url = OptionValues.HttpUrl("--url", $"The health endpoint [default: {DefaultUrl}]");
        command.Options.Add(url);
        command.SetAction((parse, _) => RunAsync(parse.GetValue(url) ?? new Uri(DefaultUrl)));
        return command;
    }

    private static async Task<int> RunAsync(Uri url)
    {
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
