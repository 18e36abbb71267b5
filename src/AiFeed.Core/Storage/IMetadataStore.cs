namespace AiFeed.Storage;

/// <summary>Small named values the service keeps about its own data (the taxonomy hash the stored tags were computed with).</summary>
public interface IMetadataStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
