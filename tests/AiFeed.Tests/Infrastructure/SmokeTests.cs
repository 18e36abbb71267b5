namespace AiFeed.Tests.Infrastructure;

public sealed class TestEnvironmentTests
{
    [Fact]
    public void RepositoryRoot_FromTestOutput_HoldsSolution()
    {
        // Arrange
        var root = TestEnvironment.RepositoryRoot;

        // Act
        var solution = Path.Combine(root, "AiFeed.slnx");

        // Assert
        Assert.True(File.Exists(solution));
    }
}
