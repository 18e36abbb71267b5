using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>A labelled pair and the tally of a rule's answers over many pairs.</summary>
internal sealed record LabelledPair(Post A, Post B, bool Duplicate, string Group);

internal sealed class PairTally(string name)
{
    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int FalseNegatives { get; private set; }

    public int TrueNegatives { get; private set; }

    public List<string> Mistakes { get; } = [];

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public void Add(LabelledPair pair, MatchReason reason)
    {
        var said = reason != MatchReason.None;
        switch (said, pair.Duplicate)
        {
            case (true, true): TruePositives++; break;
            case (true, false):
                FalsePositives++;
                Mistakes.Add($"false positive ({reason}, {pair.Group}): \"{pair.A.Title}\" {pair.A.Url} | \"{pair.B.Title}\" {pair.B.Url}");
                break;
            case (false, true):
                FalseNegatives++;
                Mistakes.Add($"missed ({pair.Group}): \"{pair.A.Title}\" {pair.A.Url} {pair.A.SortAt:yyyy-MM-dd} | \"{pair.B.Title}\" {pair.B.Url} {pair.B.SortAt:yyyy-MM-dd}");
                break;
            default: TrueNegatives++; break;
        }
    }

    public override string ToString() =>
        $"{name}: precision {Precision:P2}, recall {Recall:P2} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives}, TN {TrueNegatives})";
}
