using AiFeed;
using AiFeed.Cli;

// The command line (Cli/): serve is the default verb and runs this web host; the other verbs run and exit.
return await CommandLine.RunAsync(args, async options =>
{
    var builder = WebApplication.CreateBuilder(options);
    builder.AddAiFeed();

    await using var app = builder.Build();
    app.UseAiFeed();
    app.MapAiFeed();

    await app.RunAsync();
});
