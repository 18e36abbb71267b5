using AiFeed.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AiFeed.Tests.Endpoints;

public sealed class ReaderNavTests
{
    [Fact]
    public void Extra_OnlyMappedAreas_Listed()
    {
        // Arrange
        var endpoints = new DefaultEndpointDataSource(
            new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/learn"), 0, EndpointMetadataCollection.Empty, "learn"),
            new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/posts"), 0, EndpointMetadataCollection.Empty, "posts"));

        // Act
        var links = new ReaderNav(endpoints).Extra;

        // Assert
        Assert.Equal([new NavLink("/learn", "Today's lesson")], links);
    }

    [Fact]
    public void Extra_TodayNothingMapped_Empty()
    {
        // Act
        var links = new ReaderNav(new DefaultEndpointDataSource()).Extra;

        // Assert
        Assert.Empty(links);
    }
}
