// What every decision an officer takes at exit needs: the declaration revision the release
// in force is for (GET /v1/releases/{id}); the API refuses a decision for another revision.

export async function releaseOf(api, declarationId) {
  return api.get(`/v1/releases/${declarationId}`);
}

export async function revisionInForce(api, declarationId) {
  const release = await releaseOf(api, declarationId);
  return release.decision ? release.decision.revision : null;
}
