using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// The service's composition (<see cref="AiFeedBuilder.AddAiFeed"/>) over some settings, built but
/// not started, for what its start refuses. Not through <see cref="AiFeedApp"/>: when the entry
/// point fails at start it disposes its host, and WebApplicationFactory may then resolve services
/// from that host and throw ObjectDisposedException instead of the start's error (a race,
/// dotnet/aspnetcore#33494).
/// </summary>
internal static class AiFeedComposition
{
    /// <summary>What the host's start throws when it validates the options (ValidateOnStart), or null.</summary>
    public static async Task<Exception?> StartValidationErrorAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAiFeed();
        await using var app = builder.Build();
        return Record.Exception(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
    }
}
