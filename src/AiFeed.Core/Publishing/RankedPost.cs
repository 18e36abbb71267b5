using AiFeed.Model;

namespace AiFeed.Publishing;

/// <summary>A post with its score and the parts the score multiplies, so a reader can see why it ranks where it does.</summary>
public sealed record RankedPost(Post Post, double Score, double SourceWeight, double Recency, double ClusterFactor, double TagFactor, double AgeHours, double HalfLifeHours);
