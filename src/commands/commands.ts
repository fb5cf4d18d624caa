/*
 * Ribbon commands. The manifest's only button opens the taskpane (ShowTaskpane action), which needs
 * no code; this bundle is loaded by the shared-runtime page so that ExecuteFunction commands added
 * later can be associated here.
 */
Office.onReady(() => {
  // Nothing to associate yet: the taskpane button is declarative.
});
