<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>KdeHotspotsAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="98"/>
        <source>&lt;p&gt;Kernel density estimation (KDE) of incidents onto a grid, for hotspot maps. Works on any point layer in a projected CRS (British National Grid, EPSG:27700, for UK data); a SCRIBE incident layer keeps its filter.&lt;/p&gt;&lt;h3&gt;Defaults&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Cell size&lt;/b&gt; 0 = the shorter side of the points&apos; extent / 250 (ArcGIS Pro&apos;s rule; results change little with cell size once the bandwidth spans 5 or more cells).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Bandwidth&lt;/b&gt; 0 = ArcGIS Pro&apos;s spatial Silverman rule: 0.9 &amp;times; min(SD, &amp;radic;(1/ln 2) &amp;times; Dm) &amp;times; n&lt;sup&gt;-0.2&lt;/sup&gt;, SD the standard distance, Dm the median distance to the mean centre, n the number of points (total weight). It adapts to the data&apos;s spread and count. A warning is given when the bandwidth is below the typical spacing between distinct incident locations: police.uk snaps incidents to anonymous map points, and a smaller bandwidth maps that anonymisation grid rather than crime.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Output&lt;/b&gt; scaled, in incidents per km&amp;sup2; (or per cell, or per map unit&amp;sup2;); raw gives the kernel shape only (peak 1 per point), as QGIS&apos;s Heatmap.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Kernels&lt;/h3&gt;&lt;p&gt;Quartic (biweight, the crime-mapping default), triangular (with decay), uniform, triweight, Epanechnikov, as QGIS&apos;s Heatmap, with the bandwidth as the kernel radius; plus normal (Gaussian), with the bandwidth as the standard deviation, truncated at 4 SD and renormalised.&lt;/p&gt;&lt;h3&gt;Fast and exact modes&lt;/h3&gt;&lt;p&gt;Fast (default): points are linearly binned onto the cell centres and convolved with the kernel by FFT; cost grows with points + cells &amp;times; log(cells), not points &amp;times; kernel area. Below 9 cells per bandwidth (10 for Epanechnikov and triangular, 24 for kernels with a jump at the rim) the grid is refined internally and sampled back. Smooth kernels stay within 1% of exact mode&apos;s peak; uniform and triangular-with-decay can differ by a few % at cells whose centre lies on a point&apos;s rim: use exact mode there. The total mass is exact in both modes. Exact: the direct sum, for validation and small inputs.&lt;/p&gt;&lt;h3&gt;Differences from QGIS&apos;s Heatmap (3.22)&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Every scaled kernel integrates to 1 (QGIS&apos;s scaled quartic integrates to 7.25: QGIS issue 60616).&lt;/li&gt;&lt;li&gt;Each kernel is centred on its point (QGIS places rows counted from the bottom into rows written from the top, shifting kernels by up to a cell).&lt;/li&gt;&lt;li&gt;Empty cells are 0, not NoData, so area sums and PAI work; cells outside a mask are NoData.&lt;/li&gt;&lt;li&gt;The grid is QGIS&apos;s (points&apos; extent grown by the radius, cell-aligned to its top-left) unless an extent is given: then cells align to the extent&apos;s top-left corner, so surfaces for different periods line up cell for cell, and points outside the extent still contribute to cells within reach.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Hotspot polygons&lt;/h3&gt;&lt;p&gt;Optional: cells above the chosen percentile of occupied cells, or above mean + k standard deviations, dissolved into areas (8-connected), each with its incident count and share of all incidents.&lt;/p&gt;&lt;p&gt;NULL geometries are skipped and counted in the log; weights must not be negative.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Estimation de densité par noyau (KDE) des incidents sur une grille, pour les cartes de points chauds. Fonctionne sur toute couche de points dans un SCR projeté (British National Grid, EPSG:27700, pour les données du Royaume-Uni) ; une couche d'incidents SCRIBE conserve son filtre.&lt;/p&gt;&lt;h3&gt;Valeurs par défaut&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Taille de cellule&lt;/b&gt; 0 = le plus petit côté de l'emprise des points / 250 (règle d'ArcGIS Pro ; les résultats varient peu avec la taille de cellule dès que la largeur de bande couvre 5 cellules ou plus).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Largeur de bande&lt;/b&gt; 0 = règle spatiale de Silverman d'ArcGIS Pro : 0,9 &amp;times; min(SD, &amp;radic;(1/ln 2) &amp;times; Dm) &amp;times; n&lt;sup&gt;-0,2&lt;/sup&gt;, SD la distance standard, Dm la distance médiane au centre moyen, n le nombre de points (poids total). Elle s'adapte à la dispersion et au nombre des données. Un avertissement est émis lorsque la largeur de bande est inférieure à l'espacement typique entre lieux d'incidents distincts : police.uk ancre les incidents sur des points anonymes, et une largeur de bande plus petite cartographie cette grille d'anonymisation plutôt que la délinquance.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sortie&lt;/b&gt; mise à l'échelle, en incidents par km&amp;sup2; (ou par cellule, ou par unité de carte&amp;sup2;) ; la sortie brute ne donne que la forme du noyau (pic de 1 par point), comme la carte de chaleur de QGIS.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Noyaux&lt;/h3&gt;&lt;p&gt;Quartique (biweight, le défaut en cartographie de la délinquance), triangulaire (avec décroissance), uniforme, tripondéré, Epanechnikov, comme la carte de chaleur de QGIS, la largeur de bande étant le rayon du noyau ; plus le noyau normal (gaussien), la largeur de bande étant l'écart-type, tronqué à 4 écarts-types et renormalisé.&lt;/p&gt;&lt;h3&gt;Modes rapide et exact&lt;/h3&gt;&lt;p&gt;Rapide (défaut) : les points sont regroupés linéairement sur les centres des cellules et convolués avec le noyau par FFT ; le coût croît avec points + cellules &amp;times; log(cellules), et non points &amp;times; surface du noyau. En dessous de 9 cellules par largeur de bande (10 pour Epanechnikov et triangulaire, 24 pour les noyaux à saut au bord) la grille est affinée en interne puis rééchantillonnée. Les noyaux lisses restent à moins de 1 % du pic du mode exact ; l'uniforme et le triangulaire avec décroissance peuvent différer de quelques % aux cellules dont le centre tombe sur le bord d'un noyau : utilisez alors le mode exact. La masse totale est exacte dans les deux modes. Exact : la somme directe, pour la validation et les petites entrées.&lt;/p&gt;&lt;h3&gt;Différences avec la carte de chaleur de QGIS (3.22)&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Chaque noyau mis à l'échelle a une intégrale de 1 (le quartique mis à l'échelle de QGIS intègre à 7,25 : ticket QGIS 60616).&lt;/li&gt;&lt;li&gt;Chaque noyau est centré sur son point (QGIS écrit des lignes comptées depuis le bas dans des lignes écrites depuis le haut, décalant les noyaux jusqu'à une cellule).&lt;/li&gt;&lt;li&gt;Les cellules vides valent 0, et non NoData, pour que les sommes par zone et le PAI fonctionnent ; les cellules hors masque sont NoData.&lt;/li&gt;&lt;li&gt;La grille est celle de QGIS (emprise des points agrandie du rayon, alignée sur son coin supérieur gauche) sauf si une emprise est donnée : les cellules s'alignent alors sur le coin supérieur gauche de l'emprise, de sorte que les surfaces de périodes différentes se superposent cellule à cellule, et les points hors de l'emprise contribuent encore aux cellules à leur portée.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Polygones de points chauds&lt;/h3&gt;&lt;p&gt;Optionnel : les cellules au-dessus du centile choisi des cellules occupées, ou au-dessus de la moyenne + k écarts-types, fusionnées en zones (8-connexes), chacune avec son nombre d'incidents et sa part du total.&lt;/p&gt;&lt;p&gt;Les géométries NULL sont ignorées et comptées dans le journal ; les poids ne doivent pas être négatifs.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="147"/>
        <source>Incident points</source>
        <translation>Points d'incidents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="149"/>
        <source>Weight field</source>
        <translation>Champ de poids</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="152"/>
        <source>Bandwidth (radius; 0 = from the data)</source>
        <translation>Largeur de bande (rayon ; 0 = d'après les données)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="155"/>
        <source>Cell size (0 = extent / 250)</source>
        <translation>Taille de cellule (0 = emprise / 250)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Kernel</source>
        <translation>Noyau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="163"/>
        <source>Decay ratio (triangular kernel only)</source>
        <translation>Taux de décroissance (noyau triangulaire seulement)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="168"/>
        <source>Output values</source>
        <translation>Valeurs en sortie</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="168"/>
        <source>Raw (kernel shape, as QGIS)</source>
        <translation>Brutes (forme du noyau, comme QGIS)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="168"/>
        <source>Scaled (density)</source>
        <translation>Mises à l'échelle (densité)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="172"/>
        <source>Density units (scaled output)</source>
        <translation>Unités de densité (sortie mise à l'échelle)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="172"/>
        <source>Incidents per km²</source>
        <translation>Incidents par km²</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="172"/>
        <source>Incidents per cell</source>
        <translation>Incidents par cellule</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="172"/>
        <source>Incidents per map unit²</source>
        <translation>Incidents par unité de carte²</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="176"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="176"/>
        <source>Fast (binned FFT)</source>
        <translation>Rapide (regroupement et FFT)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="176"/>
        <source>Exact (direct sum)</source>
        <translation>Exacte (somme directe)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="182"/>
        <source>Grid extent (cells align to its top-left corner)</source>
        <translation>Emprise de la grille (cellules alignées sur son coin supérieur gauche)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="185"/>
        <source>Mask polygons (cells outside become NoData)</source>
        <translation>Polygones de masque (les cellules hors masque deviennent NoData)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="188"/>
        <source>Hotspot rule</source>
        <translation>Règle des points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="188"/>
        <source>Above a percentile of occupied cells</source>
        <translation>Au-dessus d'un centile des cellules occupées</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="188"/>
        <source>Above mean + k standard deviations</source>
        <translation>Au-dessus de la moyenne + k écarts-types</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="192"/>
        <source>Hotspot threshold (percentile, or k)</source>
        <translation>Seuil des points chauds (centile, ou k)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="195"/>
        <source>Write the hotspot colour ramp beside the raster (.qml)</source>
        <translation>Écrire la rampe de couleurs des points chauds à côté du raster (.qml)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="198"/>
        <source>Density surface</source>
        <translation>Surface de densité</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="200"/>
        <source>Hotspot areas</source>
        <translation>Zones de points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="213"/>
        <source>A scaled triangular kernel needs a decay above -0.5 (below that it has no positive total); use raw output.</source>
        <translation>Un noyau triangulaire mis à l'échelle exige une décroissance supérieure à -0,5 (en dessous, son total n'est pas positif) ; utilisez la sortie brute.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="218"/>
        <source>The hotspot percentile must be between 0 and 100.</source>
        <translation>Le centile des points chauds doit être compris entre 0 et 100.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="227"/>
        <source>The input must be a point layer; convert polygons or lines to points (e.g. &apos;Centroids&apos;) first.</source>
        <translation>L'entrée doit être une couche de points ; convertissez d'abord les polygones ou les lignes en points (par ex. « Centroïdes »).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="232"/>
        <source>The input is in a geographic CRS ({}), where distances are degrees. Reproject it to a projected CRS in metres first (British National Grid, EPSG:27700, for UK data) with &apos;Reproject layer&apos;.</source>
        <translation>L'entrée est dans un SCR géographique ({}), où les distances sont en degrés. Reprojetez-la d'abord dans un SCR projeté en mètres (British National Grid, EPSG:27700, pour les données du Royaume-Uni) avec « Reprojeter une couche ».</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="238"/>
        <source>Reading points…</source>
        <translation>Lecture des points…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="244"/>
        <source>{} features without a geometry were skipped.</source>
        <translation>{} entités sans géométrie ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="247"/>
        <source>{} features with a NULL weight were skipped.</source>
        <translation>{} entités avec un poids NULL ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="250"/>
        <source>The input has no points to map (empty layer, filter or selection, or only NULL geometries).</source>
        <translation>L'entrée n'a aucun point à cartographier (couche, filtre ou sélection vide, ou seulement des géométries NULL).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="256"/>
        <source>{} features have a negative weight in &apos;{}&apos;; weights must be 0 or more.</source>
        <translation>{} entités ont un poids négatif dans « {} » ; les poids doivent être positifs ou nuls.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="260"/>
        <source>Some weights are not finite numbers.</source>
        <translation>Certains poids ne sont pas des nombres finis.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="262"/>
        <source>Every weight in &apos;{}&apos; is 0, so there is nothing to map.</source>
        <translation>Tous les poids de « {} » valent 0 : il n'y a rien à cartographier.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="264"/>
        <source>{} points read ({}).</source>
        <translation>{} points lus ({}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="271"/>
        <source>The bandwidth spans only {:.1f} cells; the fast method refines its grid {}x internally to stay accurate.</source>
        <translation>La largeur de bande ne couvre que {:.1f} cellules ; la méthode rapide affine sa grille {}x en interne pour rester précise.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="336"/>
        <source>Bandwidth from the data (spatial Silverman rule): {:.1f}</source>
        <translation>Largeur de bande d'après les données (règle spatiale de Silverman) : {:.1f}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="341"/>
        <source>The bandwidth ({:.0f}) is below the typical spacing between distinct incident locations ({:.0f}); with police.uk data the surface would map the anonymous snap points rather than crime. Consider a bandwidth of at least {:.0f}.</source>
        <translation>La largeur de bande ({:.0f}) est inférieure à l'espacement typique entre lieux d'incidents distincts ({:.0f}) ; avec les données police.uk, la surface représenterait les points d'ancrage anonymes plutôt que la délinquance. Envisagez une largeur de bande d'au moins {:.0f}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="365"/>
        <source>The cell size must be a positive number.</source>
        <translation>La taille de cellule doit être un nombre positif.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="366"/>
        <source>Grid: {} x {} cells of {:g}; bandwidth {:g}; kernel {}.</source>
        <translation>Grille : {} x {} cellules de {:g} ; largeur de bande {:g} ; noyau {}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="409"/>
        <source>{} hotspot areas.</source>
        <translation>{} zones de points chauds.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="92"/>
        <source>Kernel density hotspots</source>
        <translation>Points chauds par densité de noyau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="95"/>
        <source>Hotspots</source>
        <translation>Points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Quartic</source>
        <translation>Quartique</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Triangular</source>
        <translation>Triangulaire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Uniform</source>
        <translation>Uniforme</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Triweight</source>
        <translation>Tripondéré</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Epanechnikov</source>
        <translation>Epanechnikov</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="158"/>
        <source>Normal (Gaussian)</source>
        <translation>Normal (gaussien)</translation>
    </message>
</context>
<context>
    <name>ScribePlugin</name>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="61"/>
        <source>SCRIBE</source>
        <translation>SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="64"/>
        <source>Analysis tools (Processing)…</source>
        <translation>Outils d'analyse (Traitements)…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="66"/>
        <source>Check Python dependencies</source>
        <translation>Vérifier les dépendances Python</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="147"/>
        <source>About SCRIBE</source>
        <translation>À propos de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="70"/>
        <source>SCRIBE help</source>
        <translation>Aide de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="77"/>
        <source>SCRIBE is missing Python packages: {}. {}</source>
        <translation>Il manque des paquets Python à SCRIBE : {}. {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="137"/>
        <source>All SCRIBE Python dependencies are installed.</source>
        <translation>Toutes les dépendances Python de SCRIBE sont installées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="141"/>
        <source>SCRIBE dependencies</source>
        <translation>Dépendances de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="141"/>
        <source>Missing packages:
{}

{}</source>
        <translation>Paquets manquants :
{}

{}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="147"/>
        <source>SCRIBE {}: shared crime, ASB and fire incident analysis for community safety partnerships.</source>
        <translation>SCRIBE {} : analyse partagée des délits, incivilités et incendies pour les partenariats de sécurité locale.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="119"/>
        <source>Enable the Processing plugin to use SCRIBE&apos;s analysis tools.</source>
        <translation>Activez l'extension Traitements pour utiliser les outils d'analyse de SCRIBE.</translation>
    </message>
</context>
<context>
    <name>ScribeProvider</name>
    <message>
        <location filename="../scribe_plugin/processing/provider.py" line="30"/>
        <source>SCRIBE community safety analysis</source>
        <translation>SCRIBE, analyse de la sécurité locale</translation>
    </message>
</context>
</TS>
