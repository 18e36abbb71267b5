using System.Numerics;
using System.Runtime.Intrinsics;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>
/// Charikar's SimHash over word bigrams. Chosen over MinHash because a post's text here is a title
/// and a summary of at most 300 characters: one 64-bit value per post is enough to store, and the
/// "within k bits" question has an exact index answer (split into k+1 bands; two hashes within k
/// bits agree on at least one band, by pigeonhole), where MinHash needs ~100 values per post and
/// LSH banding that finds near pairs only with some probability.
/// </summary>
public static class SimHash
{
    /// <summary>Bands stored per post; <see cref="MaxDistance"/> + 1 so the band index finds every near pair.</summary>
    public const int Bands = 4;

    /// <summary>Most differing bits for "the same text" (measured on the labelled pairs, docs/stories.md).</summary>
    public const int MaxDistance = 3;

    /// <summary>Fewest bigrams a text needs to be compared at all: shorter texts collide by chance.</summary>
    public const int MinShingles = 8;

    /// <summary>The fingerprint of <paramref name="words"/>, or 0 when there are too few to compare.</summary>
    public static long Compute(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count - 1 < MinShingles)
        {
            return 0;
        }

        // Bit 4n + j's weight is lane j of weights[n]: each bigram adds its nibbles' ±1 rows, 16
        // vector adds instead of 64 branches (the sums, and so the hash, are the same).
        Span<Vector128<int>> weights = stackalloc Vector128<int>[16];
        weights.Clear();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var hash = Fnv1a(words[i], words[i + 1]);
            for (var nibble = 0; nibble < 16; nibble++)
            {
                weights[nibble] += NibbleSigns[(int)(hash >> (nibble * 4)) & 0xF];
            }
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit / 4][bit % 4] > 0)
            {
                result |= 1UL << bit;
            }
        }

        // 0 means "no fingerprint"; a real all-zero hash is astronomically unlikely and loses nothing.
        return unchecked((long)result);
    }

    // For each nibble value, +1 in lane j where its bit j is set and -1 where it is not.
    private static readonly Vector128<int>[] NibbleSigns = [.. Enumerable.Range(0, 16).Select(v =>
        Vector128.Create(Sign(v, 0), Sign(v, 1), Sign(v, 2), Sign(v, 3)))];

    private static int Sign(int value, int bit) => ((value >> bit) & 1) == 1 ? 1 : -1;

    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    /// <summary>"band:hex" keys for the index; none for a text without a fingerprint.</summary>
    public static List<string> BandKeys(long hash)
    {
        if (hash == 0)
        {
            return [];
        }

        var bands = new List<string>(Bands);
        var value = unchecked((ulong)hash);
        for (var band = 0; band < Bands; band++)
        {
            var part = (ushort)(value >> (band * 16));
            bands.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{band}:{part:x4}"));
        }

        return bands;
    }

    // FNV-1a 64 over both words with a separator: stable across processes (string.GetHashCode is not).
    private static ulong Fnv1a(string first, string second)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var c in first)
        {
            hash = (hash ^ c) * prime;
        }

        hash = (hash ^ ' ') * prime;
        foreach (var c in second)
        {
            hash = (hash ^ c) * prime;
        }

        // A final avalanche: FNV's low bits mix poorly, and SimHash reads every bit.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
