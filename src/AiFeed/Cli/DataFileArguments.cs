using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>The data file the storage verbs work on: Storage:DataDirectory and Storage:FileName, with --data applied.</summary>
internal static class DataFileArguments
{
    public static string Resolve(string[] configuration)
    {
        var builder = VerbHost.CreateBuilder(configuration);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations();
        using var host = builder.Build();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var path = Path.GetFullPath(Path.Combine(options.DataDirectory, options.FileName));
            return File.Exists(path)
                ? path
                : throw new CommandLineException($"there is no data file at '{path}' (give the data folder with --data DIR)");
        }
        catch (OptionsValidationException ex)
        {
            throw new CommandLineException(ex.Message);
        }
    }
}
