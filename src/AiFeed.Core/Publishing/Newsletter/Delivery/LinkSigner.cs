using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiFeed.Storage;

namespace AiFeed.Publishing.Newsletter.Delivery;

/// <summary>
/// Signed tokens for the links in mail ("confirm this subscription", "unsubscribe"):
/// "subscriberId.issuedAt.signature", HMAC-SHA256 over the purpose, id and time with a key made
/// once and kept in the data file, so links survive restarts and a copied data folder keeps working.
/// A token for one purpose never passes for another.
/// </summary>
public sealed class LinkSigner(IMetadataStore metadata, TimeProvider time) : IDisposable
{
    public const string ConfirmPurpose = "confirm";
    public const string UnsubscribePurpose = "unsubscribe";

    private const string KeyName = "newsletter.link-key";

    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    public async Task<string> SignAsync(string purpose, string subscriberId, CancellationToken cancellationToken)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(await KeyAsync(cancellationToken), purpose, subscriberId, issued);
        return $"{subscriberId}.{issued}.{signature}";
    }

    /// <summary>The subscriber id and issue time of a genuine token for <paramref name="purpose"/>; null for anything else.</summary>
    public async Task<SignedLink?> VerifyAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        var parts = token?.Split('.') ?? [];
        if (parts is not [var id, var issued, var signature] || id.Length == 0
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(await KeyAsync(cancellationToken), purpose, id, issued));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? new SignedLink(id, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;
    }

    public void Dispose() => gate.Dispose();

    private static string Sign(byte[] key, string purpose, string id, string issued) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{id}\n{issued}")));

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (key is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await metadata.GetAsync(KeyName, cancellationToken) is not { } stored)
            {
                stored = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                await metadata.SetAsync(KeyName, stored, cancellationToken);
            }

            return key = Convert.FromBase64String(stored);
        }
        finally
        {
            gate.Release();
        }
    }
}

public sealed record SignedLink(string SubscriberId, DateTimeOffset IssuedAt);
