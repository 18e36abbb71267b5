using Microsoft.Extensions.Options;

namespace AiFeed.Tests.Infrastructure;

/// <summary>Options that never change, for a class under test that reads them through IOptionsMonitor.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
