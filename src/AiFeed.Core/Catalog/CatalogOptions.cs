using System.ComponentModel.DataAnnotations;

namespace AiFeed.Catalog;

/// <summary>Where feeds.json is.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    [Required]
    public string FeedsPath { get; set; } = "feeds.json";
}
